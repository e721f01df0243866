#include "core/config/config.h"

#include <gtest/gtest.h>

#include <fstream>

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
}

}  // namespace
}  // namespace tinhso
