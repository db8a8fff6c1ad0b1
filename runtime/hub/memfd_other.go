//go:build !amd64 && !arm64

package hub

// sysMemfdCreate is unknown here: memory files are unlinked temporary
// files.
const sysMemfdCreate = 0
