package i18n

// englishWarehouse is the English text of the warehouse area.
func englishWarehouse() map[string]string {
	return map[string]string{}
}
