package i18n

// englishShipping is the English text of the shipping area.
func englishShipping() map[string]string {
	return map[string]string{}
}
