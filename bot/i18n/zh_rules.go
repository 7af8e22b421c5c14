package i18n

// chineseRules is the Chinese text of the rules area.
func chineseRules() map[string]string {
	return map[string]string{}
}
