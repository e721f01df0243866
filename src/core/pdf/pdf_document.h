// PdfDocument: A4 administrative documents rendered with cairo (PDF) and pango (Vietnamese
// text layout), in the layout of Nghị định 30/2020/NĐ-CP: Times New Roman (Liberation Serif),
// the agency in the upper left, the national motto in the upper right, a centred title, body
// paragraphs, bordered tables that continue on the next page, signature blocks.
//
// Text is pango markup-free plain text unless a method says otherwise; it is escaped here.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace tinhso::pdf {

enum class Align { kLeft, kCenter, kRight, kJustify };

struct TextStyle {
  double size = 13;  // points
  bool bold = false;
  bool italic = false;
  Align align = Align::kJustify;
  double indent = 0;  // first-line indent, mm
};

struct SignatureBlock {
  std::string title;  // "NGƯỜI TIẾP NHẬN HỒ SƠ"
  std::string note;   // "(Ký và ghi rõ họ tên)"
  std::string name;   // printed under the space for the signature
};

class PdfDocument {
 public:
  explicit PdfDocument(bool landscape = false);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // Upper-left agency lines (the last one bold and underlined by a short rule) and the
  // national motto on the right; `place_date` ("An Khang, ngày … tháng … năm …") under the motto.
  void header(const std::vector<std::string>& agency_lines, const std::string& number_line,
              const std::string& place_date);
  void title(const std::string& text, double size = 14);
  void paragraph(const std::string& text, TextStyle style = {});
  void spacer(double mm);
  // Columns: widths in mm (the last one takes what is left), header row, body rows.
  void table(const std::vector<double>& widths, const std::vector<std::string>& head,
             const std::vector<std::vector<std::string>>& rows, double size = 12);
  void signatures(const std::vector<SignatureBlock>& blocks);
  // The PDF bytes; the document cannot be used afterwards.
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string escape_markup(const std::string& text);

}  // namespace tinhso::pdf
