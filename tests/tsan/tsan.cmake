# ThreadSanitizer build (the `tsan` preset): the concurrent parts of core — group commit and the
# PostgreSQL pool (storage), the audit chains, the change feed and snapshot rechecks, the
# outbox dispatcher, the session store's flusher, the rate limiter, periodic tasks, idempotency
# claims — with their unit tests, on both engines. Core only, so that the run costs minutes,
# not a second full build; tests/tsan/core_migrations.cc gives its databases core's schema.
set(TINHSO_TSAN_SOURCES
  src/core/base/error.cc src/core/base/json.cc src/core/base/text.cc src/core/base/time.cc
  src/core/base/crypto.cc src/core/base/resources.cc src/core/base/log.cc src/core/base/file_io.cc
  src/core/base/compress.cc src/core/base/periodic_task.cc src/core/base/rate_limiter.cc
  src/core/storage/sql.cc src/core/storage/sqlite_database.cc src/core/storage/pg_database.cc
  src/core/storage/migrations.cc src/core/storage/snapshot_cache.cc
  src/core/storage/change_feed.cc src/core/storage/deadline.cc
  src/core/audit/change_log.cc src/core/audit/checkpoints.cc src/core/audit/keys.cc
  src/core/outbox/outbox.cc src/core/http/idempotency_store.cc src/core/http/message.cc
  src/core/identity/sessions.cc src/core/identity/accounts.cc src/core/identity/roles.cc)
set(TINHSO_TSAN_TESTS
  tests/core/storage/storage_test.cc tests/core/storage/change_feed_test.cc
  tests/core/storage/snapshot_cache_test.cc tests/core/storage/deadline_test.cc
  tests/core/audit/change_log_test.cc tests/core/outbox/dispatcher_test.cc
  tests/core/identity/sessions_test.cc tests/core/base/rate_limiter_test.cc
  tests/core/base/periodic_task_test.cc tests/core/http/idempotency_store_test.cc
  tests/support/test_db.cc tests/tsan/core_migrations.cc)
list(TRANSFORM TINHSO_TSAN_SOURCES PREPEND ${CMAKE_SOURCE_DIR}/)
list(TRANSFORM TINHSO_TSAN_TESTS PREPEND ${CMAKE_SOURCE_DIR}/)

find_package(GTest CONFIG REQUIRED)
add_library(tinhso_tsan_lib STATIC ${TINHSO_TSAN_SOURCES} ${TINHSO_RESOURCES_CC})
target_include_directories(tinhso_tsan_lib PUBLIC ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(tinhso_tsan_lib PUBLIC Boost::headers Boost::json Boost::url fmt::fmt
  spdlog::spdlog OpenSSL::SSL OpenSSL::Crypto ICU::uc ICU::i18n SQLite::SQLite3 PkgConfig::LIBPQ
  PkgConfig::ZLIB Threads::Threads)
set_target_properties(tinhso_tsan_lib PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)

add_executable(tinhso_tsan_tests ${TINHSO_TSAN_TESTS})
target_include_directories(tinhso_tsan_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests)
target_link_libraries(tinhso_tsan_tests PRIVATE tinhso_tsan_lib GTest::gtest GTest::gtest_main)
target_compile_definitions(tinhso_tsan_tests PRIVATE TINHSO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")

enable_testing()
add_test(NAME tsan COMMAND tinhso_tsan_tests)
set_tests_properties(tsan PROPERTIES LABELS "tsan")
