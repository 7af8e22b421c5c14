package i18n

// chineseComplaint is the Chinese text of the complaints area.
func chineseComplaint() map[string]string {
	return map[string]string{}
}
