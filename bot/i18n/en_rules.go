package i18n

// englishRules is the English text of the rules area.
func englishRules() map[string]string {
	return map[string]string{}
}
