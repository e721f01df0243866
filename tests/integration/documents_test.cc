// The incoming register on the real server, on both engines: a clerk registers paper and
// electronic documents with consecutive incoming numbers, a duplicate is refused and names the
// existing entry, bad input is refused in Vietnamese, concurrent registrations never share a
// number, and only the unit's own people see its register.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "integration/server_fixture.h"
#include "support/sample_files.h"

namespace tinhso::testing {
namespace {

using boost::json::object;

class DocumentsTest : public ServerTest {
 protected:
  // The provincial People's Committee's office, whose clerk is vanthu.ubndtinh.
  int64_t office() const { return unit_id("000.00.01.H47"); }

  object document(const std::string& notation, const std::string& issued_on = "2026-11-20") {
    return object{{"unit_id", office()},
                  {"channel", "electronic"},
                  {"issuer_name", "Bộ Nội vụ"},
                  {"notation", notation},
                  {"issued_on", issued_on},
                  {"doc_type", "cong_van"},
                  {"subject", "V/v hướng dẫn triển khai chuyển đổi số trong công tác văn thư"},
                  {"urgency", "khan"}};
  }
};

TEST_P(DocumentsTest, ClerkRegistersWithConsecutiveNumbersAndDuplicatesAreRefused) {
  auto clerk = logged_in("vanthu.ubndtinh");
  // A paper document needs its scan.
  auto paper = document("12/UBND-VX");
  paper["channel"] = "paper";
  auto no_scan = clerk.post_json("/api/v1/documents/incoming", paper);
  EXPECT_EQ(no_scan.status, 422) << no_scan.body;
  EXPECT_NE(no_scan.body.find("Cần bản quét của văn bản giấy."), std::string::npos);
  auto f = clerk.request("POST", "/api/v1/files?name=cong-van-12.pdf", kSamplePdf,
                         {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(f.status, 201) << f.body;
  paper["file_ids"] = boost::json::array{f.json().at("id").as_int64()};
  auto first = clerk.post_json("/api/v1/documents/incoming", paper);
  ASSERT_EQ(first.status, 201) << first.body;
  int64_t n1 = first.json().at("incoming_number").as_int64();
  EXPECT_EQ(first.json().at("files").as_array().size(), 1u);
  EXPECT_EQ(first.json().at("urgency").at("label").as_string(), "Khẩn");

  auto second = clerk.post_json("/api/v1/documents/incoming", document("2246/BNV-VTLT"));
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json().at("incoming_number").as_int64(), n1 + 1);

  // The same notation written differently is the same document.
  auto again = clerk.post_json("/api/v1/documents/incoming", document("2246 / bnv-vtlt"));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.json().at("error").at("code").as_string(), "document.duplicate");
  EXPECT_EQ(again.json().at("error").at("details").at("existing_id"), second.json().at("id"));
  // … but another date is another document.
  EXPECT_EQ(
      clerk.post_json("/api/v1/documents/incoming", document("2246/BNV-VTLT", "2026-11-21")).status,
      201);

  // The register lists them newest first and finds them without accents.
  auto list = clerk.get(fmt::format("/api/v1/documents/incoming?unit_id={}&q={}", office(),
                                    url_encode("chuyen doi so")));
  ASSERT_EQ(list.status, 200) << list.body;
  auto items = list.json().at("items").as_array();
  ASSERT_GE(items.size(), 2u);
  EXPECT_GT(items[0].at("incoming_number").as_int64(), items[1].at("incoming_number").as_int64());
}

TEST_P(DocumentsTest, SearchFindsWordsOfTheSubjectAndOfThePdfTextWithoutAccents) {
  auto clerk = logged_in("vanthu.ubndtinh");
  auto f = clerk.request("POST", "/api/v1/files?name=bao-cao.pdf", kTextPdf,
                         {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(f.status, 201) << f.body;
  auto doc = document("77/STNMT-KS");
  doc["channel"] = "paper";
  doc["subject"] = "Về việc quản lý tài nguyên nước ngầm năm 2027";
  doc["file_ids"] = boost::json::array{f.json().at("id").as_int64()};
  auto registered = clerk.post_json("/api/v1/documents/incoming", doc);
  ASSERT_EQ(registered.status, 201) << registered.body;
  int64_t id = registered.json().at("id").as_int64();
  auto search = [&](const std::string& query) {
    auto r = clerk.get(fmt::format("/api/v1/documents/search?unit_id={}&{}", office(), query));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<int64_t> ids;
    auto body = r.json();  // the range below must not outlive the parsed body
    for (const auto& i : body.at("items").as_array())
      if (i.at("kind").as_string() == "incoming") ids.push_back(i.at("id").as_int64());
    return ids;
  };
  auto has = [&](const std::vector<int64_t>& ids) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  EXPECT_TRUE(has(search("q=" + url_encode("tai nguyen nuoc ngam"))));  // subject, no accents
  EXPECT_TRUE(has(search("q=" + url_encode("tài nguyên"))));
  EXPECT_TRUE(has(search("q=77%2FSTNMT")));  // notation
  // The PDF's text is read in the background (in the sandbox) and then indexed.
  bool found = false;
  for (int i = 0; i < 100 && !found; ++i) {
    found = has(search("q=khoangsan+tamsoat"));
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(has(search("q=khoangsan&kind=incoming&doc_type=cong_van&from=2020-01-01")));
  EXPECT_FALSE(has(search("q=khoangsan&kind=outgoing")));
  EXPECT_FALSE(has(search("q=khoangsan&doc_type=quyet_dinh")));
  EXPECT_FALSE(has(search("q=khoangsan&to=2000-01-01")));
  EXPECT_FALSE(has(search("q=zzkhongcozz")));
  // Another unit's people cannot search this register.
  EXPECT_EQ(logged_in("chuyenvien.stp")
                .get(fmt::format("/api/v1/documents/search?unit_id={}&q=khoangsan", office()))
                .status,
            403);
}

TEST_P(DocumentsTest, WorkFilesGatherDocumentsAndGoToTheArchiveWithTheirRetention) {
  auto clerk = logged_in("vanthu.ubndtinh");
  auto a = clerk.post_json("/api/v1/documents/incoming", document("501/BTP-HTQTCT"));
  auto b = clerk.post_json("/api/v1/documents/incoming", document("502/BTP-HTQTCT"));
  ASSERT_EQ(a.status, 201) << a.body;
  ASSERT_EQ(b.status, 201) << b.body;
  object file{{"unit_id", office()},
              {"code", "05.VP"},
              {"title", "Hồ sơ về chuyển đổi số công tác văn thư năm 2026"},
              {"retention_years", 10}};
  auto opened = clerk.post_json("/api/v1/work-files", file);
  ASSERT_EQ(opened.status, 201) << opened.body;
  int64_t id = opened.json().at("id").as_int64();
  EXPECT_EQ(opened.json().at("retention").at("label").as_string(), "10 năm");
  EXPECT_EQ(clerk.post_json("/api/v1/work-files", file).status, 409);  // same code this year
  object neither = file;
  neither["code"] = "06.VP";
  neither.erase("retention_years");
  EXPECT_EQ(clerk.post_json("/api/v1/work-files", neither).status, 422);
  // An empty work file is not archived.
  neither["permanent"] = true;
  auto empty = clerk.post_json("/api/v1/work-files", neither);
  ASSERT_EQ(empty.status, 201) << empty.body;
  EXPECT_EQ(
      clerk
          .post_json(fmt::format("/api/v1/work-files/{}/archive", empty.json().at("id").as_int64()),
                     object{{"version", empty.json().at("version")}})
          .status,
      409);

  auto add = [&](int64_t doc) {
    return clerk.post_json(fmt::format("/api/v1/work-files/{}/documents", id),
                           object{{"kind", "incoming"}, {"document_id", doc}});
  };
  ASSERT_EQ(add(a.json().at("id").as_int64()).status, 200);
  ASSERT_EQ(add(b.json().at("id").as_int64()).status, 200);
  auto twice = add(b.json().at("id").as_int64());  // already in it: unchanged
  ASSERT_EQ(twice.status, 200);
  EXPECT_EQ(twice.json().at("documents").as_array().size(), 2u);
  auto removed = clerk.request("DELETE", fmt::format("/api/v1/work-files/{}/documents/incoming/{}",
                                                     id, b.json().at("id").as_int64()));
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(removed.json().at("document_count").as_int64(), 1);
  // Someone of another unit neither reads it nor puts their documents in it.
  auto other = logged_in("chuyenvien.stp");
  EXPECT_EQ(other.get(fmt::format("/api/v1/work-files/{}", id)).status, 403);

  auto archived = clerk.post_json(fmt::format("/api/v1/work-files/{}/archive", id),
                                  object{{"version", removed.json().at("version")}});
  ASSERT_EQ(archived.status, 200) << archived.body;
  auto w = archived.json().as_object();
  EXPECT_EQ(w.at("status").at("key").as_string(), "archived");
  std::string until(w.at("keep_until").as_string());
  std::string opened_year = std::to_string(w.at("year").as_int64());
  EXPECT_EQ(std::stoi(until.substr(0, 4)), std::stoi(opened_year) + 10) << until;
  EXPECT_EQ(add(b.json().at("id").as_int64()).status, 409);  // the archive does not change
  auto in_archive =
      clerk.get(fmt::format("/api/v1/work-files?unit_id={}&status=archived", office()));
  ASSERT_EQ(in_archive.status, 200);
  EXPECT_EQ(in_archive.json().at("items").as_array().size(), 1u);
  auto ended =
      clerk.get(fmt::format("/api/v1/work-files?unit_id={}&retention_ended=true", office()));
  EXPECT_TRUE(ended.json().at("items").as_array().empty());  // ten years to go

  // The unit's list pages by cursor in its order (newest year, then code), each file once.
  for (const char* code : {"01.VP", "09.VP", "03.VP"}) {
    object more = file;
    more["code"] = code;
    ASSERT_EQ(clerk.post_json("/api/v1/work-files", more).status, 201);
  }
  std::vector<int64_t> whole, paged;
  std::vector<std::string> codes;
  auto all = clerk.get(fmt::format("/api/v1/work-files?unit_id={}&limit=200", office())).json();
  for (const auto& w : all.at("items").as_array()) {
    whole.push_back(w.at("id").as_int64());
    codes.emplace_back(w.at("code").as_string());
  }
  ASSERT_GE(whole.size(), 5u);
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));  // all opened this year
  std::string cursor;
  for (int pages = 0; pages < 100; ++pages) {
    auto page = clerk.get(fmt::format("/api/v1/work-files?unit_id={}&limit=2{}", office(),
                                      cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(page.status, 200) << page.body;
    auto body = page.json();
    for (const auto& w : body.at("items").as_array()) paged.push_back(w.at("id").as_int64());
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
  }
  EXPECT_EQ(paged, whole);
  EXPECT_EQ(clerk.get(fmt::format("/api/v1/work-files?unit_id={}&cursor=bm9wZQ", office())).status,
            400);
}

TEST_P(DocumentsTest, BadInputIsRefusedInVietnameseAndNothingIsNumbered) {
  auto clerk = logged_in("vanthu.ubndtinh");
  auto bad = document("khong-co-so");
  bad["issued_on"] = "2099-01-01";
  bad["doc_type"] = "thu_tinh";
  bad["issuer_code"] = "H47";
  auto r = clerk.post_json("/api/v1/documents/incoming", bad);
  ASSERT_EQ(r.status, 422) << r.body;
  auto fields = r.json().at("error").at("details").at("fields").as_object();
  for (const char* k : {"notation", "issued_on", "doc_type", "issuer_code"})
    EXPECT_TRUE(fields.contains(k)) << k << " in " << r.body;
  // The next good registration takes the next number: the refusal consumed none.
  auto before = clerk.get(fmt::format("/api/v1/documents/incoming?unit_id={}&limit=1", office()));
  int64_t last = before.json().at("items").as_array().empty()
                     ? 0
                     : before.json().at("items").at(0).at("incoming_number").as_int64();
  auto ok = clerk.post_json("/api/v1/documents/incoming", document("77/SNV-CCVC"));
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json().at("incoming_number").as_int64(), last + 1);
}

TEST_P(DocumentsTest, ConcurrentRegistrationsNeverShareANumber) {
  constexpr int kThreads = 8, kEach = 4;
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<int64_t> numbers;
  std::vector<int> statuses;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto clerk = logged_in("vanthu.ubndtinh");
      for (int i = 0; i < kEach; ++i) {
        auto r = clerk.post_json("/api/v1/documents/incoming",
                                 document(fmt::format("{}/SKHĐT-KH", 500 + t * kEach + i)));
        std::lock_guard lock(mu);
        statuses.push_back(r.status);
        if (r.status == 201) numbers.push_back(r.json().at("incoming_number").as_int64());
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int s : statuses) EXPECT_EQ(s, 201);
  std::set<int64_t> unique(numbers.begin(), numbers.end());
  EXPECT_EQ(unique.size(), numbers.size());
  ASSERT_EQ(numbers.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*unique.rbegin() - *unique.begin() + 1, kThreads * kEach);  // no gaps
}

// Paging by cursor: each page resumes after the last entry seen, so entries registered while a
// person pages neither repeat nor push others out; the deprecated `before` still works.
TEST_P(DocumentsTest, TheRegisterPagesByCursorWithoutRepeatsWhileEntriesArrive) {
  auto clerk = logged_in("vanthu.ubndtinh");
  std::vector<int64_t> registered;
  for (int i = 0; i < 5; ++i) {
    auto r = clerk.post_json("/api/v1/documents/incoming",
                             document(fmt::format("{}/KTPT-PHANTRANG", 800 + i)));
    ASSERT_EQ(r.status, 201) << r.body;
    registered.push_back(r.json().at("incoming_number").as_int64());
  }
  std::string base =
      fmt::format("/api/v1/documents/incoming?unit_id={}&q=KTPT-PHANTRANG&limit=2", office());
  std::vector<int64_t> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = clerk.get(base + (cursor.empty() ? "" : "&cursor=" + url_encode(cursor)));
    ASSERT_EQ(page.status, 200) << page.body;
    auto body = page.json();
    for (const auto& e : body.at("items").as_array())
      seen.push_back(e.at("incoming_number").as_int64());
    const auto& next = body.at("next_cursor");
    cursor = next.is_null() ? "" : std::string(next.as_string());
    // A new entry arrives between two pages: it is newer, so it is not in the pages to come.
    if (++pages == 1) {
      ASSERT_EQ(
          clerk.post_json("/api/v1/documents/incoming", document("900/KTPT-PHANTRANG")).status,
          201);
    }
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  std::vector<int64_t> expected(registered.rbegin(), registered.rend());
  EXPECT_EQ(seen, expected);

  // Deprecated: before=N still lists the entries numbered below N.
  auto before = clerk.get(base + fmt::format("&before={}", registered[2]));
  ASSERT_EQ(before.status, 200) << before.body;
  auto below = before.json();
  ASSERT_EQ(below.at("items").as_array().size(), 2u);
  EXPECT_EQ(below.at("items").as_array()[0].at("incoming_number").as_int64(), registered[1]);

  // A cursor that is not ours is refused in Vietnamese.
  for (std::string bad : {"not-base64!", "eyJ4IjoxfQ"}) {  // the second is {"x":1}
    auto r = clerk.get(fmt::format("{}&cursor={}", base, bad));
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
    EXPECT_NE(r.body.find("next_cursor của trang trước"), std::string::npos) << r.body;
  }
}

// The public catalogue pages by cursor in the same order as the deprecated offsets.
TEST_P(DocumentsTest, TheCataloguePagesByCursorLikeItsDeprecatedOffsets) {
  std::vector<int64_t> by_cursor, by_offset;
  std::string cursor;
  for (int page = 0; page < 3; ++page) {
    auto r = client().get("/api/v1/procedures?limit=30" +
                          (cursor.empty() ? "" : "&cursor=" + url_encode(cursor)));
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (const auto& p : body.at("items").as_array()) by_cursor.push_back(p.at("id").as_int64());
    ASSERT_TRUE(body.at("next_cursor").is_string());
    cursor = std::string(body.at("next_cursor").as_string());
    auto o = client().get(fmt::format("/api/v1/procedures?limit=30&offset={}", page * 30));
    ASSERT_EQ(o.status, 200) << o.body;
    auto offset_body = o.json();
    for (const auto& p : offset_body.at("items").as_array())
      by_offset.push_back(p.at("id").as_int64());
  }
  EXPECT_EQ(by_cursor.size(), 90u);
  EXPECT_EQ(by_cursor, by_offset);
  EXPECT_EQ(std::set<int64_t>(by_cursor.begin(), by_cursor.end()).size(), 90u);
}

TEST_P(DocumentsTest, OnlyTheUnitsPeopleSeeItsRegister) {
  auto clerk = logged_in("vanthu.ubndtinh");
  auto r = clerk.post_json("/api/v1/documents/incoming", document("9/TTg-KGVX"));
  ASSERT_EQ(r.status, 201) << r.body;
  auto other = logged_in("chuyenvien.stp");
  EXPECT_EQ(
      other.get(fmt::format("/api/v1/documents/incoming/{}", r.json().at("id").as_int64())).status,
      403);
  EXPECT_EQ(other.get(fmt::format("/api/v1/documents/incoming?unit_id={}", office())).status, 403);
  EXPECT_EQ(other.post_json("/api/v1/documents/incoming", document("10/TTg-KGVX")).status, 403);
  EXPECT_EQ(clerk.get("/api/v1/documents/incoming/999999").status, 404);
  // Without access, bad parameters change nothing: 403, not a hint about what is valid.
  for (const char* query :
       {"&from=not-a-date", "&limit=0", "&cursor=not-a-cursor", "&format=pdf"}) {
    for (const char* path : {"/api/v1/documents/search", "/api/v1/documents/stats"}) {
      auto refused = other.get(fmt::format("{}?unit_id={}{}", path, office(), query));
      EXPECT_EQ(refused.status, 403) << path << query << " " << refused.body;
    }
  }
  EXPECT_EQ(other.get("/api/v1/exchange/received?status=nonsense&limit=0").status, 403);
  EXPECT_EQ(clerk.get("/api/v1/exchange/received?status=nonsense").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Engines, DocumentsTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
