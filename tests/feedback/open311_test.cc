// Open311 GeoReport v2 documents without a server: form bodies decoded as browsers and HTTP
// libraries encode them, XML that stays well-formed whatever the text, requests read and checked
// like the portal's form with Open311's field names in the errors.
#include "feedback/open311.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>

namespace tinhso::feedback::open311 {
namespace {

std::vector<Category> categories() {
  return {Category{1, "thu_tuc", "Thủ tục hành chính", "administrative", std::nullopt, 10, true},
          Category{2, "ha_tang", "Giao thông, hạ tầng", "socio_economic", std::nullopt, 10, true},
          Category{3, "cu", "Lĩnh vực đã bỏ", "socio_economic", std::nullopt, 10, false}};
}

TEST(Open311, FormBodiesDecodeAsLibrariesEncodeThem) {
  auto p = parse_form(
      "description=H%E1%BB%91+ga+m%E1%BA%A5t+n%E1%BA%AFp&attribute%5Bde_xuat%5D=x"
      "&empty=&flag");
  ASSERT_TRUE(p.ok()) << p.error().describe();
  EXPECT_EQ(param(*p, "description"), "Hố ga mất nắp");
  EXPECT_EQ(param(*p, "attribute[de_xuat]"), "x");
  EXPECT_EQ(param(*p, "empty"), "");
  EXPECT_EQ(param(*p, "flag"), "");
  EXPECT_FALSE(param(*p, "missing"));
  for (const char* bad : {"a=%E0%A4", "a=%zz", "a=%4", "a=%00"}) {
    auto r = parse_form(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().status(), 400) << bad;
  }
}

TEST(Open311, XmlIsWellFormedWhateverTheText) {
  boost::json::array doc{boost::json::object{{"code", 404},
                                             {"description",
                                              "a\x01"
                                              "b <c> & \"d\" \xEF\xBF\xBE ]]> Tiếng Việt\tok"}}};
  auto rendered = render(doc, Format::kXml, "errors");
  ASSERT_TRUE(rendered.ok());
  std::string xml = *rendered;
  xmlDocPtr parsed =
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, "UTF-8", XML_PARSE_NONET);
  ASSERT_NE(parsed, nullptr) << xml;
  xmlFreeDoc(parsed);
  EXPECT_NE(xml.find("<errors><error><code>404</code><description>ab &lt;c&gt; &amp;"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("Tiếng Việt"), std::string::npos);
  EXPECT_EQ(render(doc, Format::kJson, "errors")->front(), '[');
  // Text libxml2 cannot encode is an error, never a document that does not parse.
  boost::json::array broken{boost::json::object{{"description", "\xC3("}}};
  EXPECT_FALSE(render(broken, Format::kXml, "errors").ok());
}

TEST(Open311, ExtensionsNameTheFormat) {
  EXPECT_EQ(split_format("services.json"), (std::pair{std::string("services"), Format::kJson}));
  EXPECT_EQ(split_format("PAKN-2026-000001.xml"),
            (std::pair{std::string("PAKN-2026-000001"), Format::kXml}));
  EXPECT_FALSE(split_format("services"));
  EXPECT_FALSE(split_format(".json"));
  EXPECT_FALSE(split_format("services.html"));
}

TEST(Open311, ARequestIsReadLikeThePortalsForm) {
  Params p = {{"service_code", "ha_tang"},
              {"description", "\n\n  Hố ga trước cổng chợ mất nắp.\nĐã hai tuần."},
              {"lat", "11.9432"},
              {"long", "108.4412"},
              {"first_name", "Trần Minh"},
              {"last_name", "Quân"},
              {"phone", "0912 444 555"},
              {"attribute[dia_chi_nguoi_gui]", "Phường Xuân Hương"},
              {"attribute[de_xuat]", "Lắp nắp mới."}};
  auto sub = read_request(p, categories());
  ASSERT_TRUE(sub.ok()) << sub.error().describe();
  EXPECT_EQ(sub->category_id, 2);
  EXPECT_EQ(sub->channel, "app");
  EXPECT_EQ(sub->kind, "petition");
  EXPECT_EQ(sub->title, "Hố ga trước cổng chợ mất nắp.");  // the first line with text
  EXPECT_EQ(sub->sender.name, "Trần Minh Quân");
  EXPECT_EQ(sub->sender.address, "Phường Xuân Hương");
  EXPECT_EQ(sub->sender.phone, "0912444555");
  EXPECT_EQ(sub->latitude_e6, 11943200);
  // A long first line makes a title of at most 100 characters, cut at a space.
  std::string long_line;
  for (int i = 0; i < 40; ++i) long_line += "đường ";
  p[1].second = long_line;
  auto cut = read_request(p, categories());
  ASSERT_TRUE(cut.ok());
  EXPECT_LE(cut->title.size(), 100u * 3 + 3);
  EXPECT_TRUE(cut->title.ends_with("đường…")) << cut->title;
  // An address id alone is a place; half a pair of coordinates is not.
  Params by_id = {{"service_code", "ha_tang"}, {"description", "Ổ gà."}, {"address_id", "A-17"}};
  auto with_id = read_request(by_id, categories());
  ASSERT_TRUE(with_id.ok());
  EXPECT_EQ(with_id->location, "address_id: A-17");
}

TEST(Open311, EveryProblemIsNamedOnceWithOpen311Names) {
  Params p = {{"service_code", "cu"}, {"lat", "21"}, {"long", ""}, {"phone", "12"}};
  auto r = read_request(p, categories());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status(), 400);
  const std::string& m = r.error().message();
  for (const char* field : {"service_code", "description", "lat, long", "phone"})
    EXPECT_NE(m.find(field), std::string::npos) << field << " in " << m;
  // The title is made from the description: its problem is not said twice.
  EXPECT_EQ(m.find("description"), m.rfind("description")) << m;
}

TEST(Open311, StatusesAreOpenUntilSettled) {
  EXPECT_EQ(status_of(FeedbackStatus::kDraft), "open");
  EXPECT_EQ(status_of(FeedbackStatus::kMerged), "open");
  EXPECT_EQ(status_of(FeedbackStatus::kAnswerDrafted), "open");
  EXPECT_EQ(status_of(FeedbackStatus::kAnswered), "closed");
  EXPECT_EQ(status_of(FeedbackStatus::kRejected), "closed");
}

}  // namespace
}  // namespace tinhso::feedback::open311
