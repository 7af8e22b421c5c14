package i18n

// englishImport is the English text of the import area.
func englishImport() map[string]string {
	return map[string]string{}
}
