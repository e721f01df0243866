#include "core/http/openapi.h"

#include "core/base/text.h"
#include "core/http/schema.h"

namespace tinhso::http {
namespace {

std::string lower(std::string_view s) {
  return text::to_lower_ascii(s);
}

boost::json::value error_response(std::string description) {
  return boost::json::object{
      {"description", std::move(description)},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

}  // namespace

boost::json::object build_openapi(const Router& router, const std::string& version,
                                  std::span<const ApiTag> tags) {
  boost::json::object paths;
  for (const auto& route : router.routes()) {
    const RouteSpec& r = route->spec;
    boost::json::object op;
    op["summary"] = r.summary;
    op["operationId"] = lower(method_name(r.method)) + "_" + [&] {
      std::string id;
      for (char c : r.path) id += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
      return id;
    }();
    if (!r.tag.empty()) op["tags"] = boost::json::array{r.tag};
    boost::json::array params;
    for (auto seg : text::split(r.path, '/')) {
      if (seg.size() > 2 && seg.front() == '{') {
        params.push_back(boost::json::object{{"name", std::string(seg.substr(1, seg.size() - 2))},
                                             {"in", "path"},
                                             {"required", true},
                                             {"schema", {{"type", "string"}}}});
      }
    }
    for (const auto& q : r.query) {
      params.push_back(boost::json::object{{"name", q.name},
                                           {"in", "query"},
                                           {"required", q.required},
                                           {"description", q.description},
                                           {"schema", {{"type", q.type}}}});
    }
    if (!params.empty()) op["parameters"] = std::move(params);
    if (!r.request_schema.is_null()) {
      op["requestBody"] = boost::json::object{
          {"required", true}, {"content", {{"application/json", {{"schema", r.request_schema}}}}}};
    }
    boost::json::object responses;
    boost::json::object ok{{"description", "Thành công"}};
    if (!r.response_schema.is_null()) {
      ok["content"] = boost::json::object{{"application/json", {{"schema", r.response_schema}}}};
    }
    responses[std::to_string(r.success_status)] = std::move(ok);
    responses["400"] = error_response("Yêu cầu không hợp lệ");
    if (r.access != Access::kPublic) {
      responses["401"] = error_response("Chưa đăng nhập hoặc phiên đã hết hạn");
      responses["403"] = error_response("Không có quyền");
    }
    if (!is_safe(r.method)) responses["422"] = error_response("Dữ liệu không hợp lệ");
    responses["429"] = error_response("Quá nhiều yêu cầu");
    responses["default"] = error_response("Lỗi");
    op["responses"] = std::move(responses);
    if (r.access != Access::kPublic) {
      op["security"] = boost::json::array{boost::json::object{{"session", boost::json::array{}}},
                                          boost::json::object{{"token", boost::json::array{}}}};
    }
    boost::json::value& item = paths[r.path];
    if (!item.is_object()) item = boost::json::object{};
    item.as_object()[lower(method_name(r.method))] = std::move(op);
  }
  boost::json::object doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = boost::json::object{{"title", "tinhso API"},
                                    {"version", version},
                                    {"description",
                                     "API của nền tảng chính quyền số tinhso. Lỗi trả về dạng "
                                     "{\"error\":{\"code\",\"message\",\"details\"}} "
                                     "với message tiếng Việt. Yêu cầu thay đổi dữ liệu bằng phiên "
                                     "đăng nhập cần tiêu đề X-CSRF-Token."}};
  doc["servers"] = boost::json::array{boost::json::object{{"url", "/"}}};
  boost::json::array tag_list;
  for (const ApiTag& t : tags)
    tag_list.push_back(boost::json::object{{"name", t.name}, {"description", t.description}});
  if (!tag_list.empty()) doc["tags"] = std::move(tag_list);
  doc["paths"] = std::move(paths);
  doc["components"] = boost::json::object{
      {"securitySchemes",
       {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "tinhso_session"}}},
        {"token", {{"type", "http"}, {"scheme", "bearer"}}}}},
      {"schemas",
       {{"Error",
         schema(R"({"type":"object","required":["error"],"properties":{"error":{"type":"object",
            "required":["code","message"],"properties":{"code":{"type":"string"},
            "message":{"type":"string","description":"Vietnamese, shown to people"},"details":{}}}}})")}}}};
  return doc;
}

}  // namespace tinhso::http
