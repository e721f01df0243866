#include "core/http/router.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>

#include "core/base/text.h"

namespace tinhso::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::map<Method, const Route*> handlers;
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

std::optional<std::string_view> PathParams::get(std::string_view name) const {
  for (const auto& [k, v] : values) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  for (auto s : text::split(path, '/')) {
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

}  // namespace

void Router::add(RouteSpec spec) {
  auto route = std::make_unique<Route>();
  route->index = routes_.size();
  route->spec = std::move(spec);
  route->quoted_path = boost::json::serialize(boost::json::string(route->spec.path));
  Node* node = root_.get();
  for (auto seg : segments(route->spec.path)) {
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      std::string name(seg.substr(1, seg.size() - 2));
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = name;
      } else if (node->param_name != name) {
        std::fprintf(stderr, "route %s: parameter {%s} conflicts with {%s}\n",
                     route->spec.path.c_str(), name.c_str(), node->param_name.c_str());
        std::abort();
      }
      node = node->param.get();
    } else {
      auto& child = node->literals[std::string(seg)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  if (node->handlers.contains(route->spec.method)) {
    std::fprintf(stderr, "duplicate route %s %s\n",
                 std::string(method_name(route->spec.method)).c_str(), route->spec.path.c_str());
    std::abort();
  }
  node->handlers[route->spec.method] = route.get();
  routes_.push_back(std::move(route));
}

namespace {

template <class Node>
const Node* walk(const Node* node, const std::vector<std::string_view>& segs, std::size_t i,
                 std::vector<std::pair<std::string_view, std::string>>& params) {
  if (i == segs.size()) return node->handlers.empty() ? nullptr : node;
  if (auto it = node->literals.find(segs[i]); it != node->literals.end()) {
    if (const Node* n = walk(it->second.get(), segs, i + 1, params)) return n;
  }
  if (node->param) {
    params.emplace_back(node->param_name, std::string(segs[i]));
    if (const Node* n = walk(node->param.get(), segs, i + 1, params)) return n;
    params.pop_back();
  }
  return nullptr;
}

}  // namespace

RouteMatch Router::match(Method method, std::string_view path) const {
  auto segs = segments(path);
  RouteMatch result;
  // Depth-first: literal child before the parameter child, so /units/export beats /units/{id}.
  std::vector<std::pair<std::string_view, std::string>> params;
  const Node* found = walk(root_.get(), segs, 0, params);
  if (found == nullptr) return result;
  auto it = found->handlers.find(method);
  if (it == found->handlers.end() && method == Method::kHead)
    it = found->handlers.find(Method::kGet);
  if (it == found->handlers.end()) {
    for (const auto& [m, r] : found->handlers) result.allowed.push_back(m);
    return result;
  }
  result.route = it->second;
  result.params.values = std::move(params);
  return result;
}

}  // namespace tinhso::http
