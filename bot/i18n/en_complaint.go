package i18n

// englishComplaint is the English text of the complaints area.
func englishComplaint() map[string]string {
	return map[string]string{}
}
