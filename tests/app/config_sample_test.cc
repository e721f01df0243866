// config/tinhso.sample.toml is `tinhso config sample`: core's keys and every module's.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/modules.h"
#include "core/config/config.h"
#include "support/test_db.h"

namespace tinhso::app {
namespace {

TEST(ConfigSample, SampleFileMatchesTheKeyTableOfCoreAndModules) {
  auto sections = config_sections_of(default_modules());
  std::ifstream f(std::string(TINHSO_SOURCE_DIR) + "/config/tinhso.sample.toml");
  std::stringstream buf;
  buf << f.rdbuf();
  EXPECT_EQ(buf.str(), sample_config(sections))
      << "regenerate with: tinhso config sample > config/tinhso.sample.toml";
  // And the sample itself loads.
  testing::TempDir dir;
  std::string path = dir.path() + "/tinhso.toml";
  std::ofstream(path) << sample_config(sections);
  ConfigInputs in;
  in.file = path;
  EXPECT_TRUE(load_config(in, sections).ok());
}

}  // namespace
}  // namespace tinhso::app
