package i18n

// chineseWarehouse is the Chinese text of the warehouse area.
func chineseWarehouse() map[string]string {
	return map[string]string{}
}
