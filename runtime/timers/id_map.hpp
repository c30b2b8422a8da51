#pragma once
// Open-addressing hash map from a non-zero 64-bit id to a small trivially
// copyable value: one flat array, linear probing, backward-shift deletion
// (no tombstones), Fibonacci hashing so sequential ids spread out. IdPages
// uses it as its index of pages (page number -> page); an unordered_map
// would cost an allocation per entry.

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace plua::runtime {

template <typename V>
class IdMap {
  static_assert(std::is_trivially_copyable_v<V>);

 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  V* find(std::uint64_t id) {
    if (size_ == 0 || id == 0) return nullptr;
    for (std::size_t i = home(id);; i = next(i)) {
      Slot& s = slots_[i];
      if (s.id == id) return &s.value;
      if (s.id == 0) return nullptr;
    }
  }

  // Precondition: id != 0 and not present.
  V& insert(std::uint64_t id, const V& value) {
    if ((size_ + 1) * 5 > slots_.size() * 4) grow();
    std::size_t i = home(id);
    while (slots_[i].id != 0) i = next(i);
    slots_[i].id = id;
    slots_[i].value = value;
    ++size_;
    return slots_[i].value;
  }

  bool erase(std::uint64_t id) {
    if (size_ == 0 || id == 0) return false;
    std::size_t i = home(id);
    while (slots_[i].id != id) {
      if (slots_[i].id == 0) return false;
      i = next(i);
    }
    // Shift later members of the probe run back so lookups never stop early.
    for (std::size_t j = next(i);; j = next(j)) {
      if (slots_[j].id == 0) break;
      const std::size_t h = home(slots_[j].id);
      // Move j into the hole at i unless j's home lies cyclically in (i, j].
      const bool stays = (i <= j) ? (i < h && h <= j) : (i < h || h <= j);
      if (!stays) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i].id = 0;
    --size_;
    return true;
  }

  template <typename F>
  void for_each(F&& f) {
    for (Slot& s : slots_)
      if (s.id != 0) f(s.id, s.value);
  }

 private:
  struct Slot {
    std::uint64_t id = 0;
    V value{};
  };

  std::size_t home(std::uint64_t id) const { return static_cast<std::size_t>((id * 0x9E3779B97F4A7C15ull) >> shift_); }
  std::size_t next(std::size_t i) const { return (i + 1) & (slots_.size() - 1); }

  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    const std::size_t capacity = old.empty() ? 64 : old.size() * 2;
    slots_.assign(capacity, Slot{});
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(capacity));
    size_ = 0;
    for (const Slot& s : old)
      if (s.id != 0) insert(s.id, s.value);
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  unsigned shift_ = 64;
};

}  // namespace plua::runtime
