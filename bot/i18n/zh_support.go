package i18n

// chineseSupport is the Chinese text of the customer-care area (inquiries and feedback).
func chineseSupport() map[string]string {
	return map[string]string{}
}
