package i18n

// chineseAftersale is the Chinese text of the after-sales area.
func chineseAftersale() map[string]string {
	return map[string]string{}
}
