// How the server's allocator keeps memory. glibc gives a thread that allocates while another
// holds the lock an arena of its own, up to 8 per core, and keeps what is freed in the arena it
// came from: after a few large requests (a DHIS2 import of 200,000 values parses some 200 MB)
// on different worker threads, each of their arenas holds its share and the process stays at
// the sum. Fewer arenas let the next request reuse what the last one freed.
#pragma once

namespace tinhso::app {

// Caps glibc's arenas at `arenas` (0: leaves glibc's default). Called before any thread starts.
void limit_allocator_arenas(int arenas);

}  // namespace tinhso::app
