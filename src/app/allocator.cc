#include "app/allocator.h"

#include <malloc.h>
#include <spdlog/spdlog.h>

namespace tinhso::app {

void limit_allocator_arenas(int arenas) {
  if (arenas <= 0) return;
  // mallopt returns 1 on success; a refusal leaves glibc's default, which only costs memory.
  // Not thread-safe, hence before any thread starts (cli.cc, ahead of the application).
  if (mallopt(M_ARENA_MAX, arenas) != 1)  // NOLINT(concurrency-mt-unsafe)
    spdlog::warn("server.malloc_arenas={} was not applied; the allocator keeps its default",
                 arenas);
}

}  // namespace tinhso::app
