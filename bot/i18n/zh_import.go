package i18n

// chineseImport is the Chinese text of the import area.
func chineseImport() map[string]string {
	return map[string]string{}
}
