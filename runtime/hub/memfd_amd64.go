package hub

const sysMemfdCreate = 319
