package i18n

// englishSupport is the English text of the customer-care area (inquiries and feedback).
func englishSupport() map[string]string {
	return map[string]string{}
}
