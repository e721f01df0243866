// ArrivalService without HTTP, on a real database with the demo province: an electronic arrival
// is seen, downloaded, registered or refused only by the receiving unit's clerks; registering
// makes the incoming register entry with its files, a decided arrival cannot be decided again,
// and each decision names in the audit log the clerk's grant.
#include "documents/arrival_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/identity/actor_of.h"
#include "documents/demo_province.h"

namespace tinhso::documents {
namespace {

using identity::Principal;

class ArrivalServiceTest : public DemoProvinceTest {
 protected:
  ArrivalService& service() { return documents().arrivals(); }

  // An arrival at Sở Tư pháp, as the issuing of another unit would record it.
  int64_t arrive(const std::string& notation, int64_t file_id) {
    ArrivalInput in;
    in.unit_id = unit("000.00.03.H47");
    in.issuer_name = "Bộ Tư pháp";
    in.notation = notation;
    in.issued_on = format_iso_date(local_date(app_->clock().now()));
    in.doc_type = "cong_van";
    in.subject = "V/v hướng dẫn chứng thực điện tử";
    in.urgency = "normal";
    in.confidentiality = "normal";
    in.file_ids = {file_id};
    audit::Actor system;
    system.kind = "system";
    system.name = "test";
    auto id = app_->services().changes.apply(
        system, [&](audit::ChangeTx& tx) { return record_arrival(tx, in); });
    EXPECT_TRUE(id.ok()) << id.error().describe();
    return id.ok() ? *id : 0;
  }
  bool pending_lists(const Principal& who, int64_t id) {
    auto page = service().list(who, unit("000.00.03.H47"), "pending", 200, std::nullopt);
    EXPECT_TRUE(page.ok()) << page.error().describe();
    return page.ok() && std::any_of(page->rows.begin(), page->rows.end(),
                                    [&](const auto& a) { return a.at("id").as_int64() == id; });
  }
};

TEST_P(ArrivalServiceTest, OnlyTheReceivingUnitsClerkSeesAndDecides) {
  Principal clerk = official("vanthu.stp");
  Principal outsider = official("vanthu.ubndtinh");
  Principal specialist = official("chuyenvien.stp");
  int64_t file = upload(clerk, "cong-van-den.pdf");
  int64_t kept = arrive("21/BTP-HCTP-" + GetParam(), file);
  int64_t sent_back = arrive("22/BTP-HCTP-" + GetParam(), upload(clerk, "nham-noi-nhan.pdf"));

  EXPECT_TRUE(pending_lists(clerk, kept));
  EXPECT_EQ(
      service().list(outsider, unit("000.00.03.H47"), "pending", 50, std::nullopt).error().status(),
      403);
  EXPECT_EQ(service().view(outsider, kept).error().status(), 403);
  EXPECT_EQ(service().view(specialist, kept).error().status(), 403);
  EXPECT_EQ(service().view(clerk, 1'000'000'000).error().status(), 404);
  EXPECT_EQ(service().file(outsider, kept, file).error().status(), 403);
  // A file of another arrival is not reached through this one.
  EXPECT_EQ(service().file(clerk, sent_back, file).error().status(), 404);
  auto meta = service().file(clerk, kept, file);
  ASSERT_TRUE(meta.ok()) << meta.error().describe();
  EXPECT_EQ(meta->id, file);

  EXPECT_EQ(service().register_in(outsider, identity::actor_of(outsider), kept).error().status(),
            403);
  auto incoming = service().register_in(clerk, identity::actor_of(clerk), kept);
  ASSERT_TRUE(incoming.ok()) << incoming.error().describe();
  auto entry = documents().incoming().view(clerk, *incoming);
  ASSERT_TRUE(entry.ok()) << entry.error().describe();
  EXPECT_EQ(entry->entry.at("notation").as_string(), "21/BTP-HCTP-" + GetParam());
  EXPECT_EQ(entry->entry.at("files").as_array().size(), 1u);
  // Decided once: neither registered again nor refused.
  EXPECT_EQ(service().register_in(clerk, identity::actor_of(clerk), kept).error().status(), 409);
  EXPECT_EQ(service().refuse(clerk, identity::actor_of(clerk), kept, "Gửi nhầm").error().status(),
            409);
  EXPECT_FALSE(pending_lists(clerk, kept));

  EXPECT_EQ(service()
                .refuse(outsider, identity::actor_of(outsider), sent_back, "Gửi nhầm")
                .error()
                .status(),
            403);
  ASSERT_TRUE(service()
                  .refuse(clerk, identity::actor_of(clerk), sent_back,
                          "Văn bản gửi nhầm nơi nhận, đề nghị gửi Sở Nội vụ.")
                  .ok());
  auto refused = service().view(clerk, sent_back);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->at("status").as_string(), "refused");
  auto page = service().list(clerk, unit("000.00.03.H47"), "refused", 200, std::nullopt);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(std::any_of(page->rows.begin(), page->rows.end(),
                          [&](const auto& a) { return a.at("id").as_int64() == sent_back; }));

  auto audit = audit_of("document_arrival", sent_back);
  EXPECT_EQ(audit["document.arrival.refuse"].actor_id, clerk.id);
  EXPECT_EQ(audit["document.arrival.refuse"].role, "clerk");
  EXPECT_EQ(audit["document.arrival.refuse"].unit_id, unit("000.00.03.H47"));
  auto registered = audit_of("incoming_document", *incoming);
  EXPECT_EQ(registered["document.incoming.register"].actor_id, clerk.id);
  EXPECT_EQ(registered["document.incoming.register"].role, "clerk");
}

TEST(ArrivalStatus, ReadsTheThreeListsAndRefusesOthers) {
  EXPECT_EQ(*read_arrival_status(std::nullopt), "pending");
  EXPECT_EQ(*read_arrival_status("registered"), "registered");
  EXPECT_EQ(*read_arrival_status("refused"), "refused");
  auto bad = read_arrival_status("deleted");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().status(), 422);
}

INSTANTIATE_TEST_SUITE_P(Engines, ArrivalServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::documents
