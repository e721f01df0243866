// A disk model for the durability benchmarks: loaded with LD_PRELOAD, it makes every fsync and
// fdatasync take FSYNC_DELAY_US microseconds longer (default 2000) before doing the real one.
// The virtual disk of a build machine often acknowledges a flush in a quarter of a millisecond;
// an SSD without power-loss protection, or a disk array without a battery-backed cache, takes
// milliseconds, and that is where group commit earns its keep.
//   LD_PRELOAD=build/ci/libslow_fsync.so FSYNC_DELAY_US=2000 build/ci/storage_write_bench
#include <dlfcn.h>

#include <cstdlib>
#include <ctime>

namespace {

using SyncFn = int (*)(int);

long delay_us() {
  static const long us = [] {
    const char* v = std::getenv("FSYNC_DELAY_US");
    return v ? std::atol(v) : 2000L;
  }();
  return us;
}

SyncFn next(const char* name) {
  return reinterpret_cast<SyncFn>(dlsym(RTLD_NEXT, name));
}

void wait_like_a_disk() {
  long us = delay_us();
  timespec t{us / 1000000, (us % 1000000) * 1000};
  while (nanosleep(&t, &t) != 0) {
  }
}

}  // namespace

extern "C" int fsync(int fd) {
  static const SyncFn real = next("fsync");
  wait_like_a_disk();
  return real(fd);
}

extern "C" int fdatasync(int fd) {
  static const SyncFn real = next("fdatasync");
  wait_like_a_disk();
  return real(fd);
}
