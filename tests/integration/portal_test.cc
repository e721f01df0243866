// What a citizen or a business expects of the public service portal, end to end on the real
// server, on both engines: a result that exists before approval, signed with the agency's key
// and kept in the applicant's document store; fees paid before the result is returned, online
// through the gateway (signed notifications, reconciliation, refunds); the result by post with
// its tracking code; papers reused from the store; a business applying as itself; the receipt
// on one page naming its receiver; printable blanks of papers; lists in the order people read.
#include <fmt/format.h>

#include <fstream>
#include <set>

#include "core/base/crypto.h"
#include "core/base/text.h"
#include "integration/server_fixture.h"
#include "support/pdf_reader.h"
#include "support/sample_files.h"
#include "support/stub_http_server.h"

namespace tinhso::testing {
namespace {

using boost::json::array;
using boost::json::object;

constexpr const char* kBusiness = "0905123456";
constexpr const char* kProvinceDesk = "motcua.tinh";

int64_t upload(HttpClient& c, const std::string& name, const std::string& bytes = kSamplePdf) {
  auto r = c.request("POST", "/api/v1/files?name=" + url_encode(name), bytes,
                     {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json().at("id").as_int64() : 0;
}

HttpResponse act(HttpClient& c, const object& dossier, object body, bool applicant = false) {
  body["expected_version"] = dossier.at("version");
  std::string base = applicant ? "/api/v1/my/dossiers/" : "/api/v1/dossiers/";
  return c.post_json(fmt::format("{}{}/actions", base, dossier.at("id").as_int64()), body);
}

HttpClient applicant(int port, const char* login) {
  HttpClient c(port);
  auto r = c.login(login, kDemoPassword, "applicant");
  EXPECT_EQ(r.status, 200) << r.body;
  return c;
}

// A procedure of Sở Tư pháp made for these tests: 50,000 đồng paid before the result is
// returned, a document result signed with the agency's key, two papers, a form field.
object certificate_procedure(const std::string& code) {
  return object{
      {"national_code", code},
      {"name", "Cấp giấy xác nhận thử nghiệm " + code},
      {"sector_code", "TP-TN"},
      {"sector_name", "Thử nghiệm cổng dịch vụ công"},
      {"levels", {"province"}},
      {"agency_codes", {"000.00.03.H47"}},
      {"online_mode", "full"},
      {"processing_days", 5},
      {"fees", array{object{{"name", "Lệ phí cấp giấy xác nhận"}, {"amount", 50000}}}},
      {"papers",
       array{object{{"name", "Đơn đề nghị cấp giấy xác nhận"}},
             object{{"name", "Bản sao giấy khai sinh"}, {"originals", 0}, {"copies", 1}}}},
      {"form",
       array{object{{"key", "purpose"}, {"label", "Mục đích sử dụng"}, {"required", true}}}},
      {"result", "Giấy xác nhận thử nghiệm"},
      {"result_kind", "document"},
      {"result_signed", true},
      {"applicant_required", {"id_number", "address"}},
      {"steps", array{object{{"key", "a"},
                             {"name", "Thẩm định hồ sơ"},
                             {"role", "specialist"},
                             {"unit", object{{"division", "Phòng Hành chính tư pháp"}}},
                             {"share", 0.7}},
                      object{{"key", "b"},
                             {"name", "Phê duyệt, ký kết quả"},
                             {"role", "leader"},
                             {"unit", "agency"},
                             {"share", 0.3}}}}};
}

// The procedure's id, creating it the first time (the shared server keeps it).
int64_t ensure_procedure(int port, const object& def) {
  HttpClient anyone(port);
  std::string code(def.at("national_code").as_string());
  auto found = anyone.get("/api/v1/procedures?q=" + url_encode(code));
  auto found_json = found.json();
  for (const auto& p : found_json.at("items").as_array())
    if (p.at("national_code").as_string() == code) return p.at("id").as_int64();
  HttpClient admin(port);
  EXPECT_EQ(admin.login("admin", kDemoPassword).status, 200);
  auto r = admin.post_json("/api/v1/procedures", def);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json().at("id").as_int64() : 0;
}

// Submits the certificate procedure online; `papers` are file ids (new uploads when empty).
HttpResponse submit(HttpClient& c, int64_t procedure, std::vector<int64_t> papers = {},
                    const object& extra = {}) {
  if (papers.empty()) {
    papers.push_back(upload(c, "don-de-nghi.pdf"));
    papers.push_back(upload(c, "giay-khai-sinh.pdf"));
  }
  array files;
  for (std::size_t i = 0; i < papers.size(); ++i)
    files.push_back(object{{"index", i}, {"file_ids", array{papers[i]}}});
  object body{{"procedure_id", procedure},
              {"papers", files},
              {"form_data", object{{"purpose", "Bổ sung hồ sơ xin việc"}}}};
  for (const auto& [k, v] : extra) body[k] = v;
  return c.post_json("/api/v1/my/dossiers", body);
}

object official_view(HttpClient& c, int64_t id) {
  auto r = c.get(fmt::format("/api/v1/dossiers/{}", id));
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().as_object();
}

object my_view(HttpClient& c, int64_t id) {
  auto r = c.get(fmt::format("/api/v1/my/dossiers/{}", id));
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().as_object();
}

// Receives at the province desk, then the specialist forwards to the leader; returns the view
// the leader sees.
object receive_and_forward(int64_t id, HttpClient& desk, HttpClient& specialist,
                           HttpClient& leader) {
  auto received = act(desk, official_view(desk, id), object{{"action", "receive"}});
  EXPECT_EQ(received.status, 200) << received.body;
  auto forwarded = act(specialist, official_view(specialist, id),
                       object{{"action", "forward"}, {"note", "Hồ sơ hợp lệ."}});
  EXPECT_EQ(forwarded.status, 200) << forwarded.body;
  return official_view(leader, id);
}

class PortalTest : public ServerTest {
 protected:
  int64_t procedure() { return ensure_procedure(port(), certificate_procedure("9.990001")); }
};

// A procedure's levels are keys of the same table as units' levels: an unknown one is refused
// with the field named, and nothing is stored.
TEST_P(PortalTest, AProcedureAtAnUnknownLevelIsRefused) {
  HttpClient admin(port());
  ASSERT_EQ(admin.login("admin", kDemoPassword).status, 200);
  auto def = certificate_procedure("9.990099");
  def["levels"] = {"planet"};
  auto r = admin.post_json("/api/v1/procedures", def);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(r.json().at("error").at("details").at("fields").as_object().contains("levels"))
      << r.body;
  auto found = admin.get("/api/v1/procedures?q=9.990099").json();
  EXPECT_TRUE(found.at("items").as_array().empty());
  def["levels"] = {"commune"};
  def["agency_codes"] = boost::json::array{};
  EXPECT_EQ(admin.post_json("/api/v1/procedures", def).status, 201);
}

TEST_P(PortalTest, AResultExistsBeforeApprovalIsSignedAndLandsInTheApplicantsStore) {
  auto citizen = applicant(port(), kCitizen);
  auto desk = logged_in(kProvinceDesk);
  auto specialist = logged_in("chuyenvien.stp");
  auto leader = logged_in("lanhdao.stp");
  auto submitted = submit(citizen, procedure());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  int64_t id = submitted.json().at("id").as_int64();
  // Fully online and submitted online: the result comes back online unless asked otherwise.
  EXPECT_EQ(submitted.json().at("delivery").at("requested").as_string(), "online");

  // The desk sees the dossier's next step and where it goes.
  auto at_desk = official_view(desk, id);
  ASSERT_TRUE(at_desk.at("next_step").is_object()) << boost::json::serialize(at_desk);
  EXPECT_EQ(at_desk.at("next_step").at("unit").at("name").as_string(), "Phòng Hành chính tư pháp");

  auto at_leader = receive_and_forward(id, desk, specialist, leader);
  // The timeline says which unit each official acted for.
  bool units_named = true;
  for (const auto& e : at_leader.at("timeline").as_array())
    if (e.at("actor").at("kind") == "official" && !e.at("actor_unit").is_object())
      units_named = false;
  EXPECT_TRUE(units_named) << boost::json::serialize(at_leader.at("timeline"));

  bool offered = false;
  for (const auto& a : at_leader.at("actions").as_array())
    if (a.at("name") == "approve") offered = true;
  EXPECT_TRUE(offered) << boost::json::serialize(at_leader.at("actions"));
  // No approval without the result; an online return needs the file, not just its number.
  auto bare = act(leader, at_leader, object{{"action", "approve"}});
  EXPECT_EQ(bare.status, 422) << bare.body;
  EXPECT_TRUE(
      bare.json().at("error").at("details").at("fields").as_object().contains("result_file_id"))
      << bare.body;
  auto noted = act(leader, at_leader,
                   object{{"action", "approve"}, {"result_note", "Số 15/GXN ngày 03/12/2026"}});
  EXPECT_EQ(noted.status, 422) << noted.body;
  EXPECT_EQ(official_view(leader, id).at("status").as_string(), "in_progress");

  const std::string result_bytes = kSamplePdf;
  int64_t result = upload(leader, "giay-xac-nhan.pdf", result_bytes);
  auto approved = act(leader, at_leader, object{{"action", "approve"}, {"result_file_id", result}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto approved_json = approved.json();
  const auto& r = approved_json.at("result");
  EXPECT_EQ(r.at("file").at("id").as_int64(), result);
  ASSERT_EQ(r.at("signatures").as_array().size(), 1u) << boost::json::serialize(r);
  const auto& sig = r.at("signatures").at(0);
  EXPECT_EQ(sig.at("kind").as_string(), "agency");
  EXPECT_TRUE(sig.at("valid").as_bool()) << boost::json::serialize(sig);
  EXPECT_NE(std::string(sig.at("signer_name").as_string()).find("Sở Tư pháp"), std::string::npos)
      << boost::json::serialize(sig);

  // Fees come before the result: the desk may not hand it over unpaid.
  auto unpaid = act(desk, official_view(desk, id), object{{"action", "return_result"}});
  EXPECT_EQ(unpaid.status, 409) << unpaid.body;
  EXPECT_EQ(unpaid.error_code(), "dossier.fees_unpaid");
  EXPECT_NE(unpaid.body.find("50.000 đồng"), std::string::npos) << unpaid.body;

  // The applicant pays on the demo gateway; starting again (a lost reply) continues the order.
  auto mine = my_view(citizen, id);
  EXPECT_TRUE(mine.at("fee").at("owed").as_bool());
  EXPECT_TRUE(mine.at("fee").at("can_pay_online").as_bool());
  auto started = citizen.post_json(fmt::format("/api/v1/my/dossiers/{}/payments", id), object{});
  ASSERT_EQ(started.status, 201) << started.body;
  std::string order(started.json().at("order_ref").as_string());
  EXPECT_EQ(std::string(started.json().at("redirect_url").as_string()),
            "/thanh-toan-thu-nghiem?don_hang=" + text::percent_encode(order));
  auto again = citizen.post_json(fmt::format("/api/v1/my/dossiers/{}/payments", id), object{});
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json().at("order_ref").as_string(), order);
  // Nobody else sees or pays the order; the demo gateway takes no outside notifications.
  auto business = applicant(port(), kBusiness);
  EXPECT_EQ(business.get("/api/v1/payments/demo/" + url_encode(order)).status, 404);
  EXPECT_EQ(
      business.post_json("/api/v1/payments/demo/" + url_encode(order) + "/pay", object{}).status,
      404);
  EXPECT_EQ(client()
                .post_json("/api/v1/payments/notify", object{{"order", order},
                                                             {"transaction", "X"},
                                                             {"amount", 50000},
                                                             {"status", "paid"},
                                                             {"signature", "00"}})
                .status,
            404);
  auto page = citizen.get("/api/v1/payments/demo/" + url_encode(order));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json().at("amount").as_int64(), 50000);
  auto paid = citizen.post_json("/api/v1/payments/demo/" + url_encode(order) + "/pay", object{});
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(paid.json().at("status").as_string(), "paid");
  // The demo gateway gives no receipt number: ours is the order's, which no restore repeats.
  EXPECT_EQ(paid.json().at("receipt_no").as_string(), "BL-" + order);
  mine = my_view(citizen, id);
  EXPECT_FALSE(mine.at("fee").at("owed").as_bool());
  EXPECT_TRUE(mine.at("fee").at("paid_online").as_bool());
  EXPECT_EQ(mine.at("fee").at("payments").as_array().size(), 1u);

  auto returned = act(desk, official_view(desk, id), object{{"action", "return_result"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("return_method").as_string(), "online");

  // The result and both papers are in the citizen's store; the result reads as signed.
  auto store = citizen.get("/api/v1/my/documents");
  ASSERT_EQ(store.status, 200) << store.body;
  std::string code(approved.json().at("code").as_string());
  const object* result_item = nullptr;
  int papers_of_dossier = 0;
  auto store_json = store.json();
  for (const auto& v : store_json.at("items").as_array()) {
    const auto& item = v.as_object();
    if (item.at("dossier_code") != boost::json::value(code)) continue;
    if (item.at("kind") == "result") result_item = &item;
    if (item.at("kind") == "paper") ++papers_of_dossier;
  }
  EXPECT_EQ(papers_of_dossier, 2);
  ASSERT_NE(result_item, nullptr) << store.body;
  EXPECT_TRUE(result_item->at("signed").as_bool());
  EXPECT_EQ(result_item->at("issued_by").as_string(), "Sở Tư pháp");
  auto file =
      citizen.get(fmt::format("/api/v1/my/documents/{}/file", result_item->at("id").as_int64()));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, result_bytes);
  // Not anyone else's.
  EXPECT_EQ(
      business.get(fmt::format("/api/v1/my/documents/{}/file", result_item->at("id").as_int64()))
          .status,
      404);
}

// Received at xã Tân Phú's centre, collected at the provincial centre (Sở Tư pháp's own desk):
// the fee paid online while the result waits there is the provincial desk's to reconcile, not
// the receiving centre's.
TEST_P(PortalTest, AFeePaidWhileTheResultWaitsIsReconciledWhereItIsCollected) {
  auto citizen = applicant(port(), kCitizen);
  auto commune_desk = logged_in("motcua.tanphu");
  auto province_desk = logged_in(kProvinceDesk);
  auto specialist = logged_in("chuyenvien.stp");
  auto leader = logged_in("lanhdao.stp");
  auto submitted = submit(citizen, procedure(), {},
                          object{{"desk_unit_id", unit_id("000.04.56.H47")},
                                 {"result_unit_id", unit_id("000.00.21.H47")},
                                 {"return_method", "desk"}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  int64_t id = submitted.json().at("id").as_int64();
  std::string code(submitted.json().at("code").as_string());
  auto at_leader = receive_and_forward(id, commune_desk, specialist, leader);
  auto approved =
      act(leader, at_leader,
          object{{"action", "approve"}, {"result_file_id", upload(leader, "giay-xac-nhan.pdf")}});
  ASSERT_EQ(approved.status, 200) << approved.body;

  auto started = citizen.post_json(fmt::format("/api/v1/my/dossiers/{}/payments", id), object{});
  ASSERT_EQ(started.status, 201) << started.body;
  std::string order(started.json().at("order_ref").as_string());
  auto paid = citizen.post_json("/api/v1/payments/demo/" + url_encode(order) + "/pay", object{});
  ASSERT_EQ(paid.status, 200) << paid.body;

  auto lists = [&](HttpClient& desk) {
    auto day = desk.get("/api/v1/payments");
    EXPECT_EQ(day.status, 200) << day.body;
    auto body = day.json();
    for (const auto& item : body.at("items").as_array())
      if (item.at("dossier_code").as_string() == code) return true;
    return false;
  };
  EXPECT_TRUE(lists(province_desk));
  EXPECT_FALSE(lists(commune_desk));
  auto returned = act(province_desk, official_view(province_desk, id),
                      object{{"action", "return_result"}, {"return_method", "desk"}});
  EXPECT_EQ(returned.status, 200) << returned.body;
}

TEST_P(PortalTest, PapersFromTheStoreAreReusedNotUploadedAgain) {
  auto citizen = applicant(port(), kCitizen);
  auto first = submit(citizen, procedure());
  ASSERT_EQ(first.status, 201) << first.body;
  std::vector<int64_t> stored;
  int64_t stored_item = 0;
  auto store = citizen.get("/api/v1/my/documents").json();
  for (const auto& v : store.at("items").as_array()) {
    if (v.at("dossier_code") == first.json().at("code") && v.at("kind") == "paper") {
      stored.push_back(v.at("file").at("id").as_int64());
      stored_item = v.at("id").as_int64();
    }
  }
  ASSERT_EQ(stored.size(), 2u);
  std::sort(stored.begin(), stored.end());

  // The same two papers, chosen from the store, in a second dossier.
  auto second = submit(citizen, procedure(), stored);
  ASSERT_EQ(second.status, 201) << second.body;
  int64_t second_id = second.json().at("id").as_int64();
  auto desk = logged_in(kProvinceDesk);
  auto view = official_view(desk, second_id);
  std::set<int64_t> attached;
  for (const auto& p : view.at("papers").as_array())
    for (const auto& f : p.at("files").as_array()) attached.insert(f.at("id").as_int64());
  EXPECT_EQ(attached, std::set<int64_t>(stored.begin(), stored.end()));
  auto download = desk.get(fmt::format("/api/v1/dossiers/{}/files/{}", second_id, stored[0]));
  EXPECT_EQ(download.status, 200) << download.body;

  // Someone else cannot name those files in their dossier.
  auto business = applicant(port(), kBusiness);
  auto stolen = business.post_json(
      "/api/v1/my/dossiers",
      object{{"procedure_id", procedure()},
             {"papers", array{object{{"index", 0}, {"file_ids", array{stored[0]}}}}}});
  EXPECT_NE(stolen.status, 201) << stolen.body;

  // Removed from the store, a paper is no longer offered — the dossiers keep it.
  auto removed = citizen.request("DELETE", fmt::format("/api/v1/my/documents/{}", stored_item));
  EXPECT_EQ(removed.status, 204) << removed.body;
  auto after = citizen.get("/api/v1/my/documents").json();
  for (const auto& v : after.at("items").as_array()) EXPECT_NE(v.at("id").as_int64(), stored_item);
  EXPECT_EQ(citizen.request("DELETE", fmt::format("/api/v1/my/documents/{}", stored_item)).status,
            404);
  EXPECT_EQ(official_view(desk, second_id).at("papers").at(0).at("files").as_array().size(), 1u);
}

TEST_P(PortalTest, AResultByPostNeedsItsTrackingCodeAndTheApplicantSeesIt) {
  auto citizen = applicant(port(), kCitizen);
  auto desk = logged_in(kProvinceDesk);
  auto specialist = logged_in("chuyenvien.stp");
  auto leader = logged_in("lanhdao.stp");
  auto submitted =
      submit(citizen, procedure(), {},
             object{{"return_method", "post"},
                    {"postal_address", "Số 8 đường Trần Phú, phường Hòa Bình, tỉnh An Khang"}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  int64_t id = submitted.json().at("id").as_int64();
  auto at_leader = receive_and_forward(id, desk, specialist, leader);
  // A paper result by post: its number and date are enough to approve.
  auto approved = act(leader, at_leader,
                      object{{"action", "approve"}, {"result_note", "Số 16/GXN ngày 03/12/2026"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  // Paid in cash at the counter.
  auto paid = act(desk, official_view(desk, id), object{{"action", "pay_fees"}});
  ASSERT_EQ(paid.status, 200) << paid.body;
  auto untracked = act(desk, paid.json().as_object(), object{{"action", "return_result"}});
  EXPECT_EQ(untracked.status, 422) << untracked.body;
  EXPECT_TRUE(untracked.json().at("error").at("details").at("fields").as_object().contains(
      "postal_tracking"));
  auto posted = act(desk, paid.json().as_object(),
                    object{{"action", "return_result"}, {"postal_tracking", "EB123456789VN"}});
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.json().at("return_method").as_string(), "post");
  auto mine = my_view(citizen, id);
  EXPECT_EQ(mine.at("delivery").at("postal_tracking").as_string(), "EB123456789VN");
  EXPECT_EQ(mine.at("delivery").at("postal_address").as_string(),
            "Số 8 đường Trần Phú, phường Hòa Bình, tỉnh An Khang");
  EXPECT_EQ(mine.at("result").at("note").as_string(), "Số 16/GXN ngày 03/12/2026");

  // Online return without an account is refused at submission time, at the desk.
  auto counter = desk.post_json("/api/v1/dossiers",
                                object{{"procedure_id", procedure()},
                                       {"applicant", object{{"name", "Đỗ Văn Hùng"},
                                                            {"phone", "0977000111"},
                                                            {"id_number", "047095001122"},
                                                            {"address", "Thôn 3, xã Bình An"}}},
                                       {"return_method", "online"},
                                       {"form_data", object{{"purpose", "Xin việc"}}}});
  EXPECT_EQ(counter.status, 422) << counter.body;
}

TEST_P(PortalTest, ABusinessAppliesAsItselfAndWhatTheProcedureNeedsIsAskedFor) {
  auto business = applicant(port(), kBusiness);
  // The wizard fills the applicant from the account: each account reads its own details only.
  auto profile = business.get("/api/v1/my/profile");
  ASSERT_EQ(profile.status, 200) << profile.body;
  auto profile_json = profile.json();
  EXPECT_EQ(profile_json.at("kind").as_string(), "business");
  EXPECT_EQ(profile_json.at("tax_code").as_string(), "4300123456");
  EXPECT_EQ(profile_json.at("representative").as_string(), "Trần Minh Khang");
  auto citizen_profile = applicant(port(), kCitizen).get("/api/v1/my/profile");
  ASSERT_EQ(citizen_profile.status, 200) << citizen_profile.body;
  EXPECT_EQ(citizen_profile.json().at("kind").as_string(), "citizen");
  EXPECT_TRUE(citizen_profile.json().at("id_number").is_string());
  EXPECT_NE(citizen_profile.json().at("full_name"), profile_json.at("full_name"));
  EXPECT_EQ(HttpClient(port()).get("/api/v1/my/profile").status, 401);
  EXPECT_EQ(logged_in(kProvinceDesk).get("/api/v1/my/profile").status, 403);

  auto submitted = submit(business, procedure());
  // The certificate needs the applicant's address; the business account has it, and applies
  // with its tax code and legal representative.
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  auto submitted_json = submitted.json();
  const auto& a = submitted_json.at("applicant");
  EXPECT_EQ(a.at("kind").as_string(), "business");
  EXPECT_EQ(a.at("tax_code").as_string(), "4300123456");
  EXPECT_EQ(a.at("representative").as_string(), "Trần Minh Khang");

  // At the desk: a citizen without an identity number, a business without its tax code.
  auto desk = logged_in(kProvinceDesk);
  auto no_id = desk.post_json("/api/v1/dossiers",
                              object{{"procedure_id", procedure()},
                                     {"applicant", object{{"name", "Đỗ Văn Hùng"},
                                                          {"phone", "0977000111"},
                                                          {"address", "Thôn 3, xã Bình An"}}},
                                     {"form_data", object{{"purpose", "Xin việc"}}}});
  ASSERT_EQ(no_id.status, 422) << no_id.body;
  EXPECT_TRUE(no_id.json().at("error").at("details").at("fields").as_object().contains(
      "applicant.id_number"));
  auto no_tax = desk.post_json(
      "/api/v1/dossiers", object{{"procedure_id", procedure()},
                                 {"applicant", object{{"kind", "business"},
                                                      {"name", "Hợp tác xã Nông nghiệp Bình An"},
                                                      {"phone", "0977000222"},
                                                      {"address", "Xã Bình An"}}},
                                 {"form_data", object{{"purpose", "Vay vốn"}}}});
  ASSERT_EQ(no_tax.status, 422) << no_tax.body;
  EXPECT_TRUE(no_tax.json().at("error").at("details").at("fields").as_object().contains(
      "applicant.tax_code"));
}

TEST_P(PortalTest, TheReceiptFitsOnOnePageAndNamesWhoReceivedTheDossier) {
  auto desk = logged_in(kProvinceDesk);
  auto me = desk.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  std::string receiver(me.json().at("principal").at("full_name").as_string());
  auto created = desk.post_json(
      "/api/v1/dossiers",
      object{{"procedure_id", procedure()},
             {"applicant", object{{"name", "Đỗ Văn Hùng"},
                                  {"phone", "0977000111"},
                                  {"id_number", "047095001122"},
                                  {"address", "Thôn 3, xã Bình An, tỉnh An Khang"}}},
             {"return_method", "post"},
             {"form_data", object{{"purpose", "Xin việc"}}},
             {"papers_received",
              array{object{{"index", 0}, {"originals", 1}}, object{{"index", 1}, {"copies", 1}}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto receipt =
      desk.get(fmt::format("/api/v1/dossiers/{}/forms/01", created.json().at("id").as_int64()));
  ASSERT_EQ(receipt.status, 200);
  EXPECT_EQ(pdf_pages(receipt.body), 1);
  std::string text = pdf_text(receipt.body);
  EXPECT_NE(text.find(receiver), std::string::npos) << receiver << "\n" << text;
  EXPECT_NE(text.find("qua dịch vụ bưu chính công ích"), std::string::npos) << text;
  EXPECT_NE(text.find("Thôn 3, xã Bình An"), std::string::npos) << text;
}

TEST_P(PortalTest, APapersBlankIsAPrintablePdf) {
  auto blank = client().get(fmt::format("/api/v1/procedures/{}/papers/1/template", procedure()));
  ASSERT_EQ(blank.status, 200) << blank.body;
  EXPECT_EQ(blank.header("content-type").value_or(""), "application/pdf");
  std::string text = pdf_text(blank.body);
  EXPECT_NE(text.find("ĐƠN ĐỀ NGHỊ CẤP GIẤY XÁC NHẬN"), std::string::npos) << text;
  EXPECT_NE(text.find("Mục đích sử dụng"), std::string::npos) << text;
  EXPECT_EQ(
      client().get(fmt::format("/api/v1/procedures/{}/papers/3/template", procedure())).status,
      404);
  EXPECT_EQ(
      client().get(fmt::format("/api/v1/procedures/{}/papers/0/template", procedure())).status,
      404);
}

TEST_P(PortalTest, MyDossiersComeNewestFirstAcrossPages) {
  auto citizen = applicant(port(), kCitizen);
  // At least three of the citizen's own, whatever else the demo gave them.
  for (int i = 0; i < 3; ++i) ASSERT_EQ(submit(citizen, procedure()).status, 201);
  std::vector<std::pair<int64_t, int64_t>> seen;  // (submitted_ms, id)
  std::string cursor;
  for (int pages = 0; pages < 100; ++pages) {
    auto r = citizen.get("/api/v1/my/dossiers?limit=2" +
                         (cursor.empty() ? "" : "&cursor=" + url_encode(cursor)));
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (const auto& v : body.at("items").as_array())
      seen.emplace_back(v.at("submitted_ms").as_int64(), v.at("id").as_int64());
    if (r.json().at("next_cursor").is_null()) break;
    cursor = std::string(r.json().at("next_cursor").as_string());
  }
  ASSERT_GE(seen.size(), 3u);
  EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend()));
  std::set<int64_t> ids;
  for (const auto& s : seen) ids.insert(s.second);
  EXPECT_EQ(ids.size(), seen.size());  // no dossier twice
}

TEST_P(PortalTest, SectorsReadInVietnameseOrderOnceEach) {
  auto r = client().get("/api/v1/sectors");
  ASSERT_EQ(r.status, 200);
  std::vector<std::string> names;
  std::set<std::string> codes;
  auto body = r.json();
  for (const auto& s : body.at("items").as_array()) {
    names.emplace_back(s.at("name").as_string());
    EXPECT_TRUE(codes.insert(std::string(s.at("code").as_string())).second) << s;
  }
  std::set<std::string> unique(names.begin(), names.end());
  EXPECT_EQ(unique.size(), names.size());
  // Vietnamese alphabetical order: "Đ" after every "D", before "E"/"G"; "Ư" after "U".
  auto first_of = [&](const std::string& prefix) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i].starts_with(prefix)) return static_cast<int>(i);
    return -1;
  };
  auto last_of = [&](const std::string& prefix) {
    int at = -1;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i].starts_with(prefix)) at = static_cast<int>(i);
    return at;
  };
  ASSERT_GE(first_of("Đ"), 0);
  ASSERT_GE(last_of("D"), 0);
  EXPECT_GT(first_of("Đ"), last_of("D"));
  if (first_of("G") >= 0) {
    EXPECT_LT(last_of("Đ"), first_of("G"));
  }
  for (std::size_t i = 1; i < names.size(); ++i)
    EXPECT_LE(text::compare_vi(names[i - 1], names[i]), 0) << names[i - 1] << " / " << names[i];
}

TEST_P(PortalTest, TheHomePageShowsTheMostUsedProceduresNewsAndHowToReachTheCentre) {
  auto r = client().get("/api/v1/portal");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json();
  EXPECT_FALSE(body.at("hotline").as_string().empty());
  EXPECT_FALSE(body.at("offices").as_array().empty());
  EXPECT_FALSE(body.at("faq").as_array().empty());
  // Newest news first.
  std::vector<std::string> dates;
  for (const auto& n : body.at("news").as_array()) dates.emplace_back(n.at("date").as_string());
  EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend()));
  // The demo's dossiers make some procedures more used than others: most used first.
  const auto& popular = body.at("popular").as_array();
  ASSERT_FALSE(popular.empty());
  EXPECT_LE(popular.size(), 8u);
  for (std::size_t i = 1; i < popular.size(); ++i)
    EXPECT_GE(popular[i - 1].at("dossiers").as_int64(), popular[i].at("dossiers").as_int64());
}

INSTANTIATE_TEST_SUITE_P(Engines, PortalTest, ::testing::Values("sqlite", "postgres"));

// An installation's own content replaces the demo's; a broken file is refused clearly.
TEST(PortalContentTest, AnInstallationsOwnContentIsServedAndABrokenOneIsRefused) {
  TempDir dir;
  std::string own = dir.path() + "/portal.json";
  {
    std::ofstream f(own);
    f << R"({"hotline":"0260 3999 999","email":"hotro@binhson.gov.vn",
             "offices":[{"name":"Trung tâm Phục vụ hành chính công tỉnh Bình Sơn","address":"Số 2 đường Lý Thường Kiệt"}],
             "news":[{"date":"2026-01-02","title":"Cũ","body":"Tin cũ"},{"date":"2026-12-01","title":"Mới","body":"Tin mới"}],
             "faq":[{"q":"Hỏi?","a":"Đáp."}]})";
  }
  ServerOptions o;
  o.demo_dossiers = 0;
  o.settings = {"onestop.portal_content_file=" + own};
  ServerProcess server(o);
  auto r = HttpClient(server.port()).get("/api/v1/portal");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("hotline").as_string(), "0260 3999 999");
  EXPECT_EQ(r.json().at("news").at(0).at("title").as_string(), "Mới");
  EXPECT_TRUE(r.json().at("popular").as_array().empty());  // nothing submitted yet

  std::string broken = dir.path() + "/broken.json";
  {
    std::ofstream f(broken);
    f << R"({"hotline":"1900","news":[{"date":"hôm qua","title":"Tin","body":"Nội dung"}]})";
  }
  ServerOptions b;
  b.demo_dossiers = 0;
  b.settings = {"onestop.portal_content_file=" + broken};
  ServerProcess bad(b);
  auto refused = HttpClient(bad.port()).get("/api/v1/portal");
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.error_code(), "portal.content_invalid");
  EXPECT_NE(bad.log().find("news date"), std::string::npos);
}

// A real gateway (payment.provider = http): what it is sent, what it notifies, refunds.
class PaymentGatewayTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
  }
  static constexpr const char* kSecret = "khoa-bi-mat-cong-thanh-toan-2026";

  static std::string hmac(const std::string& text) {
    return crypto::hex_encode(crypto::hmac_sha256(kSecret, text));
  }
  static object notice(const std::string& order, const std::string& transaction, int64_t amount,
                       const std::string& status, const std::string& receipt) {
    return object{{"order", order},
                  {"transaction", transaction},
                  {"amount", amount},
                  {"status", status},
                  {"receipt_no", receipt},
                  {"signature", hmac(fmt::format("{}|{}|{}|{}|{}", order, transaction, amount,
                                                 status, receipt))}};
  }
};

// Submits the criminal-record procedure (200,000 đồng before processing) as the citizen.
int64_t submit_criminal_record(int port, HttpClient& c) {
  HttpClient anyone(port);
  auto found = anyone.get("/api/v1/procedures?q=" + url_encode("ly lich tu phap"));
  int64_t procedure = found.json().at("items").at(0).at("id").as_int64();
  auto r = c.post_json(
      "/api/v1/my/dossiers",
      object{{"procedure_id", procedure},
             {"papers", array{object{{"index", 0}, {"file_ids", array{upload(c, "to-khai.pdf")}}},
                              object{{"index", 1}, {"file_ids", array{upload(c, "cccd.pdf")}}}}}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json().at("id").as_int64() : 0;
}

TEST_P(PaymentGatewayTest, SignedNotificationsSettleOnceReconcileAndRefund) {
  StubHttpServer gateway([](int index, const StubRequest&) { return index == 0 ? 503 : 200; });
  ServerOptions o;
  o.engine = GetParam();
  o.demo_dossiers = 0;
  o.settings = {"payment.provider=http",
                "payment.gateway_url=https://thanhtoan.dichvucong.gov.vn/pay",
                "payment.refund_url=" + gateway.url("/refund"),
                "payment.merchant_id=H47-TTHCC",
                std::string("payment.secret=") + kSecret,
                "server.public_url=https://dichvucong.ankhang.gov.vn"};
  ServerProcess server(o);
  auto citizen = applicant(server.port(), kCitizen);
  int64_t id = submit_criminal_record(server.port(), citizen);
  ASSERT_NE(id, 0);

  // Paying sends the applicant to the gateway with a signed request.
  auto started = citizen.post_json(fmt::format("/api/v1/my/dossiers/{}/payments", id), object{});
  ASSERT_EQ(started.status, 201) << started.body;
  std::string order(started.json().at("order_ref").as_string());
  std::string redirect(started.json().at("redirect_url").as_string());
  ASSERT_TRUE(redirect.starts_with("https://thanhtoan.dichvucong.gov.vn/pay?")) << redirect;
  std::string back = fmt::format("https://dichvucong.ankhang.gov.vn/ho-so-cua-toi/{}?thanh_toan={}",
                                 id, text::percent_encode(order));
  std::string notify = "https://dichvucong.ankhang.gov.vn/api/v1/payments/notify";
  EXPECT_NE(redirect.find("amount=200000"), std::string::npos) << redirect;
  EXPECT_NE(redirect.find("order=" + text::percent_encode(order)), std::string::npos);
  EXPECT_NE(redirect.find("signature=" +
                          hmac(fmt::format("H47-TTHCC|{}|200000|{}|{}", order, back, notify))),
            std::string::npos)
      << redirect;

  HttpClient gw(server.port());
  auto fee_of = [&] { return my_view(citizen, id).at("fee").as_object(); };
  // Forged, altered or unknown notifications change nothing.
  auto forged = notice(order, "GD-1", 200000, "paid", "BL-0001");
  forged["signature"] = hmac("something else");
  auto r = gw.post_json("/api/v1/payments/notify", forged);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.error_code(), "payment.bad_signature");
  auto cheaper = notice(order, "GD-1", 2000, "paid", "BL-0001");
  EXPECT_EQ(gw.post_json("/api/v1/payments/notify", cheaper).status, 422);
  EXPECT_EQ(gw.post_json("/api/v1/payments/notify", notice("KHONG-CO", "GD-1", 200000, "paid", ""))
                .status,
            404);
  EXPECT_TRUE(fee_of().at("owed").as_bool());
  EXPECT_EQ(fee_of().at("payments").at(0).at("status").as_string(), "pending");

  // The real one settles; its repetition is harmless.
  auto good = notice(order, "GD-1", 200000, "paid", "BL-0001");
  for (int i = 0; i < 2; ++i) {
    r = gw.post_json("/api/v1/payments/notify", good);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("status").as_string(), "paid");
    EXPECT_EQ(r.json().at("receipt_no").as_string(), "BL-0001");
  }
  auto fee = fee_of();
  EXPECT_FALSE(fee.at("owed").as_bool());
  EXPECT_TRUE(fee.at("paid_online").as_bool());
  int pay_events = 0;
  auto paid_view = my_view(citizen, id);
  for (const auto& e : paid_view.at("timeline").as_array())
    if (e.at("action") == "pay_fees") ++pay_events;
  EXPECT_EQ(pay_events, 1);
  EXPECT_EQ(
      citizen.post_json(fmt::format("/api/v1/my/dossiers/{}/payments", id), object{}).error_code(),
      "payment.nothing_due");
  // Paid before the desk received it: handling starts at once.
  HttpClient desk(server.port());
  ASSERT_EQ(desk.login(kProvinceDesk, kDemoPassword).status, 200);
  auto received = act(desk, official_view(desk, id), object{{"action", "receive"}});
  ASSERT_EQ(received.status, 200) << received.body;
  EXPECT_EQ(received.json().at("status").as_string(), "in_progress");

  // A second dossier: an order is started, then the fee is paid in cash at the counter, then
  // the gateway reports the order paid too — that money is flagged for a refund.
  int64_t second = submit_criminal_record(server.port(), citizen);
  auto order2_r =
      citizen.post_json(fmt::format("/api/v1/my/dossiers/{}/payments", second), object{});
  ASSERT_EQ(order2_r.status, 201);
  std::string order2(order2_r.json().at("order_ref").as_string());
  auto waiting = act(desk, official_view(desk, second), object{{"action", "receive"}});
  ASSERT_EQ(waiting.status, 200) << waiting.body;
  EXPECT_EQ(waiting.json().at("status").as_string(), "fees_requested");
  auto cash = act(desk, waiting.json().as_object(), object{{"action", "pay_fees"}});
  ASSERT_EQ(cash.status, 200) << cash.body;
  r = gw.post_json("/api/v1/payments/notify", notice(order2, "GD-2", 200000, "paid", "BL-0002"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json().at("needs_refund").as_bool()) << r.body;
  int64_t duplicate = r.json().at("id").as_int64();

  // The desk's reconciliation of the day, in JSON and Excel; another desk sees none of it.
  auto day = desk.get("/api/v1/payments");
  ASSERT_EQ(day.status, 200) << day.body;
  EXPECT_EQ(day.json().at("paid_count").as_int64(), 2);
  EXPECT_EQ(day.json().at("paid_total").as_int64(), 400000);
  EXPECT_EQ(day.json().at("to_refund_total").as_int64(), 200000);
  auto xlsx = desk.get("/api/v1/payments?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  HttpClient other(server.port());
  ASSERT_EQ(other.login("motcua.tanphu", kDemoPassword).status, 200);
  EXPECT_TRUE(other.get("/api/v1/payments").json().at("items").as_array().empty());
  EXPECT_EQ(citizen
                .post_json(fmt::format("/api/v1/payments/{}/refund", duplicate),
                           object{{"reason", "Nộp trùng"}})
                .status,
            403);
  EXPECT_EQ(other
                .post_json(fmt::format("/api/v1/payments/{}/refund", duplicate),
                           object{{"reason", "Nộp trùng"}})
                .status,
            403);

  // Refunding goes through the gateway first: while it fails nothing is recorded.
  auto refused = desk.post_json(fmt::format("/api/v1/payments/{}/refund", duplicate),
                                object{{"reason", "Đã nộp tiền mặt tại quầy"}});
  EXPECT_EQ(refused.status, 502) << refused.body;
  EXPECT_EQ(refused.error_code(), "payment.refund_failed");
  auto refunded = desk.post_json(fmt::format("/api/v1/payments/{}/refund", duplicate),
                                 object{{"reason", "Đã nộp tiền mặt tại quầy"}});
  ASSERT_EQ(refunded.status, 200) << refunded.body;
  EXPECT_EQ(refunded.json().at("status").as_string(), "refunded");
  EXPECT_FALSE(refunded.json().at("needs_refund").as_bool());
  EXPECT_EQ(desk.post_json(fmt::format("/api/v1/payments/{}/refund", duplicate),
                           object{{"reason", "Lần nữa"}})
                .status,
            409);
  auto sent = gateway.requests();
  ASSERT_EQ(sent.size(), 2u);
  auto body = boost::json::parse(sent.back().body).as_object();
  EXPECT_EQ(body.at("order").as_string(), order2);
  EXPECT_EQ(body.at("amount").as_int64(), 200000);
  EXPECT_EQ(body.at("signature").as_string(),
            hmac(fmt::format("H47-TTHCC|{}|GD-2|200000", order2)));
  day = desk.get("/api/v1/payments");
  EXPECT_EQ(day.json().at("refunded_total").as_int64(), 200000);
  EXPECT_EQ(day.json().at("to_refund_total").as_int64(), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, PaymentGatewayTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
