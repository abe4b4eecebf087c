// Package names folds, tokenises and compares personal names as news
// reports spell them, so that Lavrentiev, Lavrentiyev, Lavréntiev and
// Лаврентьев land on one person and Lavrov does not.
//
// Every function works on folded text (see Fold): lowercase ASCII with
// diacritics dropped and non-Latin script transliterated. Matching compares
// surnames first, because reporters vary given names (Alexander, Aleksandr,
// A.) far more than surnames, and uses a consonant skeleton (see Skeleton)
// for the transliteration noise that string distances alone miss
// (Shamkhani, Shamjani, شمخانی).
package names
