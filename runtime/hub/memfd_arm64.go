package hub

const sysMemfdCreate = 279
