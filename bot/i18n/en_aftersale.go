package i18n

// englishAftersale is the English text of the after-sales area.
func englishAftersale() map[string]string {
	return map[string]string{}
}
