// Package acceptance checks a build of the client's reference articles
// against what the client requires of it. Its test runs only with the
// acceptance build tag and the PARLEY_SEEDS folder (`make acceptance`).
package acceptance
