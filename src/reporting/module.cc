#include "reporting/module.h"

#include "reporting/demo/demo.h"
#include "reporting/permissions.h"
#include "reporting/routes.h"
#include "reporting/unit_movers.h"
#include "reporting/vocabularies.h"

namespace tinhso::reporting {

void Reporting::register_routes(http::Router& router) {
  register_reporting_routes(router, *this);
}

namespace {

constexpr http::ApiTag kApiTags[] = {
    {"reporting",
     "Hệ thống thông tin báo cáo: biểu mẫu, chế độ báo cáo, lập, gửi, duyệt và tổng hợp báo "
     "cáo định kỳ"},
};

}  // namespace

const ModuleDef& module_def() {
  static const ModuleDef kDef{
      .name = "reporting",
      .summary = "periodic reports of agencies: forms, regimes, entry, approval, aggregates",
      .depends_on = {"onestop"},  // live values from the one-stop statistics (prefill.h)
      .permissions = kPermissions,
      .make = [](Services& s) -> std::unique_ptr<Module> { return std::make_unique<Reporting>(s); },
      .api_tags = kApiTags,
      .vocabularies = &vocabularies,
      .demo = &demo::build,
      .unit_movers = unit_movers(),
  };
  return kDef;
}

}  // namespace tinhso::reporting
