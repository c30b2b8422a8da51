#pragma once
// Map from a non-zero 64-bit id to a small trivially copyable value, for
// ids handed out in increasing order (timer ids): values live in pages of
// consecutive ids, found through a small hash map of page numbers. A flood
// of new ids fills pages one after another, so memory is touched once and
// in order (an open-addressing table of all ids is touched at random and
// copied on every growth: a page fault per few timers). A page is freed when
// its last value is erased; one empty page is kept for reuse. Timers keep
// their Timer and Wake records in two of these (why: timers.hpp).

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

#include "timers/id_map.hpp"

namespace plua::runtime {

template <typename V>
class IdPages {
  static_assert(std::is_trivially_copyable_v<V>);
  static constexpr unsigned kPageBits = 10;
  static constexpr std::size_t kPageSize = std::size_t{1} << kPageBits;
  static constexpr std::uint64_t kOffsetMask = kPageSize - 1;

  struct Page {
    std::uint64_t number = 0;
    std::size_t live = 0;
    std::bitset<kPageSize> present;
    V values[kPageSize];
  };

 public:
  IdPages() = default;
  IdPages(const IdPages&) = delete;
  IdPages& operator=(const IdPages&) = delete;
  ~IdPages() {
    pages_.for_each([](std::uint64_t, Page*& page) { delete page; });
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  V* find(std::uint64_t id) {
    Page* page = page_of(id);
    if (page == nullptr) return nullptr;
    const std::size_t at = id & kOffsetMask;
    return page->present[at] ? &page->values[at] : nullptr;
  }

  // Precondition: id != 0 and not present. May throw std::bad_alloc
  // (nothing changes then).
  V& insert(std::uint64_t id, const V& value) {
    Page* page = page_of(id);
    if (page == nullptr) page = add_page(id >> kPageBits);
    const std::size_t at = id & kOffsetMask;
    page->present[at] = true;  // operator[]: set() would check the range again
    page->values[at] = value;
    ++page->live;
    ++size_;
    return page->values[at];
  }

  bool erase(std::uint64_t id) {
    Page* page = page_of(id);
    const std::size_t at = id & kOffsetMask;
    if (page == nullptr || !page->present[at]) return false;
    page->present[at] = false;
    --size_;
    if (--page->live == 0) remove_page(page);
    return true;
  }

  // Visits every value (pages in no particular order, ids ascending in each).
  template <typename F>
  void for_each(F&& f) {
    pages_.for_each([&](std::uint64_t, Page*& page) {
      for (std::size_t i = 0; i < kPageSize; ++i) {
        if (page->present[i]) f((page->number << kPageBits) | i, page->values[i]);
      }
    });
  }

 private:
  Page* page_of(std::uint64_t id) {
    if (id == 0) return nullptr;
    const std::uint64_t number = id >> kPageBits;
    if (last_ != nullptr && last_->number == number) return last_;
    Page** found = pages_.find(number + 1);  // IdMap keys must be non-zero
    if (found == nullptr) return nullptr;
    last_ = *found;
    return last_;
  }

  Page* add_page(std::uint64_t number) {
    // new Page, not make_unique: the values need no zeroing (present says).
    std::unique_ptr<Page> page = spare_ ? std::move(spare_) : std::unique_ptr<Page>(new Page);
    page->number = number;
    page->live = 0;
    page->present.reset();
    pages_.insert(number + 1, page.get());
    last_ = page.release();
    return last_;
  }

  void remove_page(Page* page) {
    pages_.erase(page->number + 1);
    if (last_ == page) last_ = nullptr;
    if (spare_) {
      delete page;
    } else {
      spare_.reset(page);
    }
  }

  IdMap<Page*> pages_;
  Page* last_ = nullptr;
  std::unique_ptr<Page> spare_;
  std::size_t size_ = 0;
};

}  // namespace plua::runtime
