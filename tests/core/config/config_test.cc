#include "core/config/config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/http/message.h"
#include "support/test_db.h"

namespace tinhso {
namespace {

std::string write(const testing::TempDir& dir, const std::string& text) {
  std::string path = dir.path() + "/tinhso.toml";
  std::ofstream(path) << text;
  return path;
}

TEST(Config, DefaultsAreSafe) {
  auto c = load_config({});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->server.listen, "127.0.0.1:8080");
  EXPECT_EQ(c->data_dir, "data");
  EXPECT_EQ(c->sqlite_path(), "data/tinhso.db");
  EXPECT_FALSE(c->is_postgres());
  EXPECT_FALSE(c->testing.clock_control);
}

TEST(Config, FileThenEnvironmentThenFlags) {
  testing::TempDir dir;
  std::string path = write(dir, R"(
data_dir = "/srv/tinhso"
[server]
listen = "0.0.0.0:9000"
worker_threads = 12
[calendar]
work_periods = ["07:30-11:30", "13:30-17:30"]
afternoon_cutoff = "15:00"
)");
  ConfigInputs in;
  in.file = path;
  in.env = {{"TINHSO_SERVER_LISTEN", "127.0.0.1:9100"}, {"TINHSO_UNRELATED", "x"}};
  in.overrides = {"server.worker_threads=3"};
  auto c = load_config(in);
  ASSERT_TRUE(c.ok()) << c.error().describe();
  EXPECT_EQ(c->data_dir, "/srv/tinhso");
  EXPECT_EQ(c->server.listen, "127.0.0.1:9100");  // environment beats file
  EXPECT_EQ(c->server.worker_threads, 3);         // flag beats both
  EXPECT_EQ(c->calendar.afternoon_cutoff, "15:00");
  ASSERT_EQ(c->calendar.work_periods.size(), 2u);
  EXPECT_EQ(c->sqlite_path(), "/srv/tinhso/tinhso.db");
}

TEST(Config, RejectsUnknownKeysAndWrongTypes) {
  testing::TempDir dir;
  ConfigInputs in;
  in.file = write(dir, "[server]\nlisten_port = 8080\n");
  auto c = load_config(in);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message().find("server.listen_port"), std::string::npos);

  in.file = write(dir, "[server]\nworker_threads = \"many\"\n");
  EXPECT_FALSE(load_config(in).ok());

  in.file = write(dir, "[server\nlisten=1");
  auto broken = load_config(in);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message().find("dòng"), std::string::npos);

  ConfigInputs bad_flag;
  bad_flag.overrides = {"database.url=mysql://x"};
  EXPECT_FALSE(load_config(bad_flag).ok());
  bad_flag.overrides = {"calendar.work_periods=11:30-07:00"};
  EXPECT_FALSE(load_config(bad_flag).ok());
  bad_flag.overrides = {"server.malloc_arenas=-1"};
  EXPECT_FALSE(load_config(bad_flag).ok());
}

// A map only where the province names its own tile server, whose origin alone joins the pages'
// image sources; a URL that could break out of the policy, or has no tile coordinates, is refused.
TEST(Config, MapTilesComeOnlyFromTheConfiguredServer) {
  ConfigInputs none;
  auto plain = load_config(none);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(map_tile_origin(plain->map), "");
  EXPECT_EQ(http::content_security_policy("text/html", map_tile_origin(plain->map)),
            std::string(http::content_security_policy("text/html")));

  ConfigInputs in;
  in.overrides = {"map.tile_url=https://ban-do.ankhang.gov.vn:8443/tiles/{z}/{x}/{y}.png",
                  "map.center_lat=11.94", "map.center_lon=108.44", "map.zoom=14"};
  auto c = load_config(in);
  ASSERT_TRUE(c.ok()) << c.error().describe();
  EXPECT_EQ(map_tile_origin(c->map), "https://ban-do.ankhang.gov.vn:8443");
  std::string policy = http::content_security_policy("text/html", map_tile_origin(c->map));
  EXPECT_NE(policy.find("img-src 'self' data: blob: https://ban-do.ankhang.gov.vn:8443;"),
            std::string::npos)
      << policy;
  EXPECT_EQ(http::content_security_policy("application/json", map_tile_origin(c->map)),
            "default-src 'none'; frame-ancestors 'none'");

  for (const char* bad : {"map.tile_url=ftp://tiles.example/{z}/{x}/{y}.png",
                          "map.tile_url=https://tiles.example/{z}/{x}.png",
                          "map.tile_url=https://{s}.tile.example/{z}/{x}/{y}.png",
                          "map.tile_url=https://tiles.example;script-src *;/{z}/{x}/{y}.png",
                          "map.tile_url=https://tiles.example/{z}/{x}/{y}.png' onerror='x",
                          "map.tile_url=http://tiles.example/{z}/{x}/{y}.png",
                          "map.tile_url=https://user:pass@tiles.example/{z}/{x}/{y}.png",
                          "map.tile_url=https://evil.example\\@tiles.vn/{z}/{x}/{y}.png",
                          "map.tile_url=https://tiles.example?/{z}/{x}/{y}.png",
                          "map.tile_url=https://tiles.example/{s}/{z}/{x}/{y}.png", "map.zoom=25",
                          "map.center_lat=91"}) {
    ConfigInputs b;
    b.overrides = {bad};
    EXPECT_FALSE(load_config(b).ok()) << bad;
  }
}

}  // namespace
}  // namespace tinhso
