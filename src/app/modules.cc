#include "app/modules.h"

#include <fmt/format.h>

#include <set>

#include "core/identity/org_tree.h"
#include "core/identity/units.h"
#include "core/workflow/deadline.h"
#include "documents/module.h"
#include "feedback/module.h"
#include "onestop/module.h"
#include "reporting/module.h"

namespace tinhso::app {

std::vector<const ModuleDef*> default_modules() {
  return {
      &onestop::module_def(),
      &documents::module_def(),
      &feedback::module_def(),
      &reporting::module_def(),
  };
}

Result<std::vector<storage::Migration>> migrations_of(const std::vector<const ModuleDef*>& modules,
                                                      storage::Dialect dialect) {
  std::vector<storage::Migration> out = storage::embedded_migrations("core", dialect);
  std::set<std::string_view> done{"core"};
  std::set<std::string_view> known{"core"};
  for (const ModuleDef* m : modules) known.insert(m->name);
  // Repeated passes: each takes the modules whose dependencies are already in.
  std::vector<const ModuleDef*> left = modules;
  while (!left.empty()) {
    std::vector<const ModuleDef*> later;
    for (const ModuleDef* m : left) {
      bool ready = true;
      for (auto dep : m->depends_on) {
        if (!known.contains(dep))
          return Error::internal(
              fmt::format("module {} depends on unknown module {}", m->name, dep));
        if (!done.contains(dep)) ready = false;
      }
      if (!ready) {
        later.push_back(m);
        continue;
      }
      if (m->migrations_dir.empty()) {
        auto own = storage::embedded_migrations(m->name, dialect);
        std::move(own.begin(), own.end(), std::back_inserter(out));
      } else {
        TS_ASSIGN_OR_RETURN(auto own,
                            storage::directory_migrations(m->migrations_dir, m->name, dialect));
        std::move(own.begin(), own.end(), std::back_inserter(out));
      }
      done.insert(m->name);
    }
    if (later.size() == left.size())
      return Error::internal(
          fmt::format("modules depend on each other in a circle: {}", later.front()->name));
    left = std::move(later);
  }
  return out;
}

Result<std::vector<storage::Migration>> default_migrations(storage::Dialect dialect) {
  return migrations_of(default_modules(), dialect);
}

std::vector<http::ApiTag> api_tags_of(const std::vector<const ModuleDef*>& modules) {
  static constexpr http::ApiTag kCoreTags[] = {
      {"operations", "Vận hành: sức khỏe, sẵn sàng, số đo (metrics), tài liệu API"},
      {"auth", "Đăng nhập, phiên làm việc, đổi mật khẩu, mã truy cập (token)"},
      {"officials", "Cán bộ, công chức và vai trò của họ trong từng đơn vị"},
      {"organisation", "Cơ cấu tổ chức: cơ quan, đơn vị và mã định danh"},
      {"calendar", "Lịch làm việc: ngày nghỉ lễ, ngày làm bù theo quyết định"},
      {"audit", "Nhật ký thao tác và kiểm tra tính toàn vẹn của chuỗi nhật ký"},
      {"reference",
       "Danh mục dùng chung: nhãn tiếng Việt của trạng thái, thao tác, hình thức, cấp"},
      {"testing", "Chỉ dùng khi kiểm thử: điều chỉnh đồng hồ của ứng dụng"},
  };
  std::vector<http::ApiTag> out(std::begin(kCoreTags), std::end(kCoreTags));
  for (const ModuleDef* m : modules) out.insert(out.end(), m->api_tags.begin(), m->api_tags.end());
  return out;
}

std::vector<const ConfigSection*> config_sections_of(const std::vector<const ModuleDef*>& modules) {
  std::vector<const ConfigSection*> out;
  for (const ModuleDef* m : modules) {
    for (const ConfigSection& section : m->config_sections) out.push_back(&section);
  }
  return out;
}

Result<std::vector<Vocabulary>> vocabularies_of(const std::vector<const ModuleDef*>& modules) {
  std::vector<Vocabulary> out;
  out.push_back(vocabulary_of(
      "roles", identity::kAllRoles, [](identity::Role r) { return identity::role_name(r); },
      [](identity::Role r) { return identity::role_label_vi(r); }));
  // unit_levels and unit_kinds are data (the organisation snapshot): served with these by
  // GET /api/v1/vocabularies, which adds them as they stand (app/ops_routes.cc).
  out.push_back({"unit_levels", {}});
  out.push_back({"unit_kinds", {}});
  // How near its deadline an open dossier, step or assignment is.
  out.push_back(vocabulary_of(
      "urgencies", workflow::kUrgencies,
      [](workflow::Urgency u) { return workflow::urgency_name(u); },
      [](workflow::Urgency u) { return workflow::urgency_label_vi(u); }));
  out.push_back(
      {"outbox_statuses",
       {{"pending", "Đang chờ gửi"}, {"sent", "Đã gửi"}, {"dead", "Gửi không thành công"}}});
  Vocabulary channels{"outbox_channels", {}};
  for (const ModuleDef* m : modules) {
    for (const OutboxChannel& c : m->outbox_channels)
      channels.terms.push_back({std::string(c.name), std::string(c.label)});
  }
  out.push_back(std::move(channels));
  for (const ModuleDef* m : modules) {
    if (m->vocabularies == nullptr) continue;
    auto own = m->vocabularies();
    std::move(own.begin(), own.end(), std::back_inserter(out));
  }
  std::set<std::string> names;
  for (const auto& v : out) {
    if (!names.insert(v.name).second)
      return Error::internal(fmt::format("vocabulary {} is declared twice", v.name));
  }
  return out;
}

Result<std::vector<identity::Permission>> permission_table(
    const std::vector<const ModuleDef*>& modules) {
  std::vector<identity::Permission> out(std::begin(identity::kCorePermissions),
                                        std::end(identity::kCorePermissions));
  for (const ModuleDef* m : modules)
    out.insert(out.end(), m->permissions.begin(), m->permissions.end());
  std::set<std::string_view> names;
  for (const auto& p : out) {
    if (!names.insert(p.name).second)
      return Error::internal(fmt::format("permission {} is declared twice", p.name));
  }
  return out;
}

}  // namespace tinhso::app
