package i18n

import "fmt"

// The catalogs are assembled from one part per area, so that areas grow their texts in files
// of their own.

func english() map[string]string {
	return merge(englishBase(), englishRules(), englishShipping(), englishWarehouse(), englishImport(), englishAftersale(), englishSupport(), englishComplaint(), englishDigest(),
		englishMetrics(), englishReport(), englishAppraisal(), englishCampaign())
}

func chinese() map[string]string {
	return merge(chineseBase(), chineseRules(), chineseShipping(), chineseWarehouse(), chineseImport(), chineseAftersale(), chineseSupport(), chineseComplaint(), chineseDigest(),
		chineseMetrics(), chineseReport(), chineseAppraisal(), chineseCampaign())
}

// merge joins catalog parts; a key in two parts is a programming error, caught by the tests
// when they build the catalogs.
func merge(parts ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, p := range parts {
		for k, v := range p {
			if _, dup := out[k]; dup {
				panic(fmt.Sprintf("i18n: key %q is defined in two catalog parts", k))
			}
			out[k] = v
		}
	}
	return out
}
