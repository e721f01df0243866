# libFuzzer targets (clang only): request parsing and routing through the real pipeline, the
# decoders people's input reaches (JSON, CSV, times, text, agency codes), and received edXML
# (safe parse, XML signature check, field reading), and uploaded Excel workbooks.
pkg_check_modules(XMLSEC REQUIRED IMPORTED_TARGET xmlsec1-openssl)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
set(TINHSO_FUZZ_SOURCES
  src/core/base/error.cc src/core/base/json.cc src/core/base/text.cc src/core/base/time.cc
  src/core/base/crypto.cc src/core/base/csv.cc src/core/base/resources.cc src/core/base/log.cc
  src/core/base/compress.cc
  src/core/http/message.cc src/core/http/router.cc src/core/http/pipeline.cc src/core/http/context.cc
  src/core/http/metrics.cc src/core/base/rate_limiter.cc src/core/http/static_files.cc
  src/core/http/schema.cc src/core/http/pagination.cc
  src/core/identity/roles.cc src/core/identity/actor_of.cc src/core/identity/authorizer.cc src/core/identity/org_tree.cc
  src/core/identity/agency_code.cc src/core/storage/sql.cc src/core/storage/snapshot_cache.cc
  src/core/storage/change_feed.cc src/core/storage/deadline.cc
  src/core/signing/cms.cc src/core/xml/xml.cc src/documents/edxml/codec.cc
    src/documents/edxml/message.cc src/documents/edxml/dsig.cc src/core/export/xlsx_reader.cc)
list(TRANSFORM TINHSO_FUZZ_SOURCES PREPEND ${CMAKE_SOURCE_DIR}/)
add_library(tinhso_fuzz_lib STATIC ${TINHSO_FUZZ_SOURCES} ${TINHSO_RESOURCES_CC})
target_include_directories(tinhso_fuzz_lib PUBLIC ${CMAKE_SOURCE_DIR}/src)
target_compile_options(tinhso_fuzz_lib PUBLIC -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined)
target_link_libraries(tinhso_fuzz_lib PUBLIC Boost::headers Boost::json Boost::url fmt::fmt spdlog::spdlog
    OpenSSL::Crypto ICU::uc ICU::i18n PkgConfig::ZLIB PkgConfig::LIBPQ PkgConfig::XMLSEC
  PkgConfig::LIBZIP Threads::Threads)

foreach(fuzzer http_request_fuzzer input_decoders_fuzzer edxml_fuzzer xlsx_fuzzer)
  add_executable(${fuzzer} ${CMAKE_SOURCE_DIR}/tests/fuzz/${fuzzer}.cc)
  target_link_libraries(${fuzzer} PRIVATE tinhso_fuzz_lib)
  target_link_options(${fuzzer} PRIVATE -fsanitize=fuzzer,address,undefined)
endforeach()
