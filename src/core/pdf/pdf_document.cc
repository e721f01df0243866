#include "core/pdf/pdf_document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>

namespace tinhso::pdf {
namespace {

constexpr double kMm = 72.0 / 25.4;  // points per millimetre
constexpr const char* kFont = "Liberation Serif";

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string escape_markup(const std::string& text) {
  char* e = g_markup_escape_text(text.c_str(), static_cast<gssize>(text.size()));
  std::string out(e);
  g_free(e);
  return out;
}

struct PdfDocument::Impl {
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  double width = 210 * kMm, height = 297 * kMm;
  // Nghị định 30/2020 margins: top 20, bottom 20, left 30, right 15 mm.
  double left = 30 * kMm, right = 15 * kMm, top = 20 * kMm, bottom = 20 * kMm;
  double y = 0;

  double content_width() const { return width - left - right; }

  PangoLayout* layout(const std::string& markup, double w, const TextStyle& s) {
    PangoLayout* l = pango_cairo_create_layout(cr);
    // PDF units are points: at pango's default 96 dpi a "12 pt" font came out as 16 pt.
    pango_cairo_context_set_resolution(pango_layout_get_context(l), 72);
    pango_layout_context_changed(l);
    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family(fd, kFont);
    pango_font_description_set_size(fd, static_cast<gint>(s.size * PANGO_SCALE));
    if (s.bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    if (s.italic) pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, static_cast<int>(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    switch (s.align) {
      case Align::kLeft:
        pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
        break;
      case Align::kCenter:
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
        break;
      case Align::kRight:
        pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
        break;
      case Align::kJustify:
        pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
        pango_layout_set_justify(l, TRUE);
        break;
    }
    if (s.indent > 0) pango_layout_set_indent(l, static_cast<int>(s.indent * kMm * PANGO_SCALE));
    pango_layout_set_markup(l, markup.c_str(), -1);
    return l;
  }

  double height_of(PangoLayout* l) {
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void new_page() {
    cairo_show_page(cr);
    y = top;
  }

  void ensure(double needed) {
    if (y + needed > height - bottom) new_page();
  }

  void draw(PangoLayout* l, double x, double at_y) {
    cairo_move_to(cr, x, at_y);
    pango_cairo_show_layout(cr, l);
  }
};

PdfDocument::PdfDocument(bool landscape) : impl_(std::make_unique<Impl>()) {
  if (landscape) {
    std::swap(impl_->width, impl_->height);
    impl_->left = 20 * kMm;
    impl_->right = 15 * kMm;
  }
  impl_->surface =
      cairo_pdf_surface_create_for_stream(append, &impl_->bytes, impl_->width, impl_->height);
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_CREATOR, "tinhso");
  impl_->cr = cairo_create(impl_->surface);
  cairo_set_source_rgb(impl_->cr, 0, 0, 0);
  impl_->y = impl_->top;
}

PdfDocument::~PdfDocument() {
  if (impl_->cr != nullptr) cairo_destroy(impl_->cr);
  if (impl_->surface != nullptr) cairo_surface_destroy(impl_->surface);
}

void PdfDocument::header(const std::vector<std::string>& agency_lines,
                         const std::string& number_line, const std::string& place_date) {
  auto& m = *impl_;
  // The motto's first line, 12 pt bold, needs about 80 mm to stay on one line.
  double col_left = m.content_width() * 0.42;
  double col_right = m.content_width() - col_left;
  double x_right = m.left + col_left;
  // Left: agency lines, the last one bold, then a short rule.
  std::string left;
  for (std::size_t i = 0; i < agency_lines.size(); ++i) {
    bool last = i + 1 == agency_lines.size();
    left += (i ? "\n" : "") + (last ? "<b>" + escape_markup(agency_lines[i]) + "</b>"
                                    : escape_markup(agency_lines[i]));
  }
  TextStyle s{12, false, false, Align::kCenter, 0};
  PangoLayout* l = m.layout(left, col_left, s);
  double hl = m.height_of(l);
  m.draw(l, m.left, m.y);
  g_object_unref(l);
  // Right: the national motto.
  TextStyle motto{12, true, false, Align::kCenter, 0};
  PangoLayout* r = m.layout(
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n<span size='13.5pt'>Độc lập - Tự do - Hạnh phúc</span>",
      col_right, motto);
  double hr = m.height_of(r);
  m.draw(r, x_right, m.y);
  g_object_unref(r);
  cairo_set_line_width(m.cr, 0.6);
  auto rule = [&](double x_centre, double len, double at) {
    cairo_move_to(m.cr, x_centre - len / 2, at);
    cairo_line_to(m.cr, x_centre + len / 2, at);
    cairo_stroke(m.cr);
  };
  rule(m.left + col_left / 2, 25 * kMm, m.y + hl + 2);
  rule(x_right + col_right / 2, 55 * kMm, m.y + hr + 2);
  double y = m.y + std::max(hl, hr) + 8;
  double below = 0;
  if (!number_line.empty()) {
    PangoLayout* n =
        m.layout(escape_markup(number_line), col_left, TextStyle{12, false, false, Align::kCenter});
    m.draw(n, m.left, y);
    below = std::max(below, m.height_of(n));
    g_object_unref(n);
  }
  if (!place_date.empty()) {
    PangoLayout* p = m.layout("<i>" + escape_markup(place_date) + "</i>", col_right,
                              TextStyle{13, false, true, Align::kCenter});
    m.draw(p, x_right, y);
    below = std::max(below, m.height_of(p));
    g_object_unref(p);
  }
  m.y = y + below + 6 * kMm;
}

void PdfDocument::title(const std::string& text, double size) {
  auto& m = *impl_;
  PangoLayout* l = m.layout("<b>" + escape_markup(text) + "</b>", m.content_width(),
                            TextStyle{size, true, false, Align::kCenter});
  double h = m.height_of(l);
  m.ensure(h + 6);
  m.y += 4;
  m.draw(l, m.left, m.y);
  m.y += h + 4;
  g_object_unref(l);
}

void PdfDocument::paragraph(const std::string& text, TextStyle style) {
  auto& m = *impl_;
  std::string markup = escape_markup(text);
  if (style.bold) markup = "<b>" + markup + "</b>";
  if (style.italic) markup = "<i>" + markup + "</i>";
  PangoLayout* l = m.layout(markup, m.content_width(), style);
  double h = m.height_of(l);
  if (m.y + h > m.height - m.bottom) {
    m.new_page();
  }
  m.draw(l, m.left, m.y);
  m.y += h + 3;
  g_object_unref(l);
}

void PdfDocument::spacer(double mm) {
  impl_->y += mm * kMm;
}

void PdfDocument::table(const std::vector<double>& widths_mm, const std::vector<std::string>& head,
                        const std::vector<std::vector<std::string>>& rows, double size) {
  auto& m = *impl_;
  // One column per header cell; `widths_mm` gives the first ones, the last takes what is left.
  std::vector<double> widths;
  double used = 0;
  for (std::size_t i = 0; i < head.size(); ++i) {
    bool last = i + 1 == head.size();
    double w = !last && i < widths_mm.size() ? widths_mm[i] * kMm : 0;
    if (last || i >= widths_mm.size()) {
      std::size_t rest = head.size() - i;
      w = (m.content_width() - used) / static_cast<double>(last ? 1 : rest);
    }
    widths.push_back(w);
    used += w;
  }
  const double pad = 1.6 * kMm;
  struct Laid {
    std::vector<PangoLayout*> cells;
    double height = 0;
  };
  auto lay = [&](const std::vector<std::string>& cells, bool bold) {
    Laid r;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      std::string text = c < cells.size() ? escape_markup(cells[c]) : "";
      if (bold) text = "<b>" + text + "</b>";
      PangoLayout* l = m.layout(text, widths[c] - 2 * pad,
                                TextStyle{size, bold, false, bold ? Align::kCenter : Align::kLeft});
      r.height = std::max(r.height, m.height_of(l));
      r.cells.push_back(l);
    }
    r.height += 2 * pad;
    return r;
  };
  auto draw = [&](const Laid& r) {
    double x = m.left;
    cairo_set_line_width(m.cr, 0.5);
    for (std::size_t c = 0; c < widths.size(); ++c) {
      cairo_rectangle(m.cr, x, m.y, widths[c], r.height);
      cairo_stroke(m.cr);
      m.draw(r.cells[c], x + pad, m.y + pad);
      x += widths[c];
    }
    m.y += r.height;
  };
  auto release = [](Laid& r) {
    for (auto* l : r.cells) g_object_unref(l);
  };
  Laid header = lay(head, true);
  m.ensure(header.height * 2);
  draw(header);
  for (const auto& row : rows) {
    Laid r = lay(row, false);
    if (m.y + r.height > m.height - m.bottom) {
      // A continued table repeats its header at the top of the new page.
      m.new_page();
      draw(header);
    }
    draw(r);
    release(r);
  }
  release(header);
  m.y += 4;
}

void PdfDocument::signatures(const std::vector<SignatureBlock>& blocks) {
  auto& m = *impl_;
  if (blocks.empty()) return;
  double w = m.content_width() / static_cast<double>(blocks.size());
  const double signing_space = 22 * kMm;
  // Lay every block out first: the blocks move to the next page together, and only when
  // they do not fit where they are.
  struct Laid {
    PangoLayout* head = nullptr;
    PangoLayout* name = nullptr;
    double x = 0;
  };
  std::vector<Laid> laid;
  double needed = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const auto& b = blocks[i];
    Laid l;
    l.x = blocks.size() == 1 ? m.left + m.content_width() / 2 : m.left + w * static_cast<double>(i);
    double bw = blocks.size() == 1 ? m.content_width() / 2 : w;
    std::string markup = "<b>" + escape_markup(b.title) + "</b>";
    if (!b.note.empty()) markup += "\n<i>" + escape_markup(b.note) + "</i>";
    l.head = m.layout(markup, bw, TextStyle{13, false, false, Align::kCenter});
    double h = m.height_of(l.head) + signing_space;
    if (!b.name.empty()) {
      l.name = m.layout("<b>" + escape_markup(b.name) + "</b>", bw,
                        TextStyle{13, true, false, Align::kCenter});
      h += m.height_of(l.name);
    }
    needed = std::max(needed, h);
    laid.push_back(l);
  }
  m.ensure(needed + 4);
  m.y += 4;
  double top = m.y;
  for (const auto& l : laid) {
    m.draw(l.head, l.x, top);
    if (l.name != nullptr) m.draw(l.name, l.x, top + m.height_of(l.head) + signing_space);
  }
  for (const auto& l : laid) {
    g_object_unref(l.head);
    if (l.name != nullptr) g_object_unref(l.name);
  }
  m.y = top + needed + 6;
}

std::string PdfDocument::finish() {
  cairo_show_page(impl_->cr);
  cairo_destroy(impl_->cr);
  impl_->cr = nullptr;
  cairo_surface_finish(impl_->surface);
  cairo_surface_destroy(impl_->surface);
  impl_->surface = nullptr;
  return std::move(impl_->bytes);
}

}  // namespace tinhso::pdf
