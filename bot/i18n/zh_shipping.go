package i18n

// chineseShipping is the Chinese text of the shipping area.
func chineseShipping() map[string]string {
	return map[string]string{}
}
