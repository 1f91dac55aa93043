#pragma once
// The object type of crux::Json (core/json.hpp).
//
// Why not nlohmann::json's std::map: it sorts keys, and JavaScript users get back objects in the
// order they wrote them everywhere else (JSON.parse, every JS store). Why not nlohmann's
// ordered_map: it finds a key by a linear scan, so parsing or merge-patching an object of n keys
// costs O(n^2), and a 4 MiB payload can hold ~300k keys (a denial of service).
//
// So: the members in a std::list, in insertion order (nodes never move: iterators stay valid and
// an erase is O(1)), plus an index from key to node once the object has more than a few members.
// The index is a std::map, not a hash table: a key costs O(log n) at worst, exactly what the
// std::map objects it replaces cost, and no input can be made of colliding keys (the unseeded
// std::hash of libc++/libstdc++ can be flooded). Its keys are views of the list nodes' keys.
//
// Equality ignores order (JSON objects are equal when their members are), and `<` compares as
// the sorted std::map did, so nothing that compared or sorted JSON values changes meaning.
// Usable as nlohmann::basic_json's ObjectType (the interface of nlohmann/ordered_map.hpp).
#include <algorithm>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <list>
#include <map>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace crux {

template <class Key, class T, class IgnoredLess = std::less<Key>,
          class Allocator = std::allocator<std::pair<const Key, T>>>
class InsertionOrderedMap {
  using Members = std::list<std::pair<const Key, T>, Allocator>;

 public:
  using key_type = Key;
  using mapped_type = T;
  using value_type = std::pair<const Key, T>;
  using allocator_type = Allocator;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = value_type&;
  using const_reference = const value_type&;
  using iterator = typename Members::iterator;
  using const_iterator = typename Members::const_iterator;
  /// Transparent, so basic_json passes string literals and views straight to find/erase/count.
  using key_compare = std::equal_to<>;

  InsertionOrderedMap() = default;
  explicit InsertionOrderedMap(const Allocator& allocator) : members_(allocator) {}
  template <class It>
  InsertionOrderedMap(It first, It last, const Allocator& allocator = Allocator())
      : members_(allocator) {
    insert(first, last);
  }
  InsertionOrderedMap(std::initializer_list<value_type> init,
                      const Allocator& allocator = Allocator())
      : InsertionOrderedMap(init.begin(), init.end(), allocator) {}

  /// The copy's index is filled in sorted order, each entry appended: no search of the tree.
  InsertionOrderedMap(const InsertionOrderedMap& other) : members_(other.members_) {
    if (other.index_.empty()) return;
    std::vector<std::pair<std::string_view, iterator>> entries;
    entries.reserve(members_.size());
    for (auto it = members_.begin(); it != members_.end(); ++it) entries.emplace_back(it->first, it);
    std::sort(entries.begin(), entries.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    for (auto& entry : entries) index_.emplace_hint(index_.end(), std::move(entry));
  }
  // Moving a std::list keeps its nodes, so the index's views and iterators stay valid.
  InsertionOrderedMap(InsertionOrderedMap&& other) noexcept
      : members_(std::move(other.members_)), index_(std::move(other.index_)) {
    other.members_.clear();
    other.index_.clear();
  }
  InsertionOrderedMap& operator=(const InsertionOrderedMap& other) {
    if (this != &other) *this = InsertionOrderedMap(other);
    return *this;
  }
  InsertionOrderedMap& operator=(InsertionOrderedMap&& other) noexcept {
    if (this != &other) {
      members_ = std::move(other.members_);
      index_ = std::move(other.index_);
      other.members_.clear();
      other.index_.clear();
    }
    return *this;
  }

  iterator begin() noexcept { return members_.begin(); }
  iterator end() noexcept { return members_.end(); }
  const_iterator begin() const noexcept { return members_.begin(); }
  const_iterator end() const noexcept { return members_.end(); }
  const_iterator cbegin() const noexcept { return members_.cbegin(); }
  const_iterator cend() const noexcept { return members_.cend(); }

  bool empty() const noexcept { return members_.empty(); }
  size_type size() const noexcept { return members_.size(); }
  size_type max_size() const noexcept { return members_.max_size(); }
  void clear() noexcept {
    index_.clear();
    members_.clear();
  }

  iterator find(std::string_view key) { return locate(*this, key); }
  const_iterator find(std::string_view key) const { return locate(*this, key); }
  size_type count(std::string_view key) const { return find(key) == end() ? 0 : 1; }

  T& at(std::string_view key) { return checked(locate(*this, key))->second; }
  const T& at(std::string_view key) const { return checked(locate(*this, key))->second; }

  /// Adds `key` at the end unless it is present; an existing key keeps its place and value.
  template <class K, class... Args>
  std::pair<iterator, bool> emplace(K&& key, Args&&... args) {
    const std::string_view view(key);
    if (index_.empty()) {
      const auto found = locate(*this, view);
      if (found != members_.end()) return {found, false};
      const auto added = append(std::forward<K>(key), std::forward<Args>(args)...);
      if (members_.size() > kScanned) build_index();
      return {added, true};
    }
    // One search of the index finds the key or where it goes.
    const auto place = index_.lower_bound(view);
    if (place != index_.end() && place->first == view) return {place->second, false};
    const auto added = append(std::forward<K>(key), std::forward<Args>(args)...);
    try {
      index_.emplace_hint(place, std::string_view(added->first), added);
    } catch (...) {  // out of memory: leave no member the index does not know
      members_.pop_back();
      throw;
    }
    return {added, true};
  }

  /// The value at `key`, added (null) at the end if absent. Parsing a duplicate key assigns
  /// through this, so the last value wins in the first key's place, as JSON.parse does.
  template <class K>
  T& operator[](K&& key) {
    return emplace(std::forward<K>(key)).first->second;
  }
  template <class K>
  const T& operator[](K&& key) const {
    return at(std::string_view(key));
  }

  std::pair<iterator, bool> insert(const value_type& value) {
    return emplace(value.first, value.second);
  }
  std::pair<iterator, bool> insert(value_type&& value) {
    return emplace(value.first, std::move(value.second));
  }
  template <class InputIt,
            class = std::enable_if_t<std::is_convertible<
                typename std::iterator_traits<InputIt>::iterator_category,
                std::input_iterator_tag>::value>>
  void insert(InputIt first, InputIt last) {
    for (; first != last; ++first) insert(*first);
  }

  size_type erase(std::string_view key) {
    const auto found = locate(*this, key);
    if (found == members_.end()) return 0;
    erase(found);
    return 1;
  }
  iterator erase(const_iterator position) {
    if (!index_.empty()) index_.erase(std::string_view(position->first));
    return members_.erase(position);
  }
  iterator erase(const_iterator first, const_iterator last) {
    while (first != last) first = erase(first);
    return members_.erase(last, last);  // `last` as a mutable iterator
  }

  friend bool operator==(const InsertionOrderedMap& a, const InsertionOrderedMap& b) noexcept {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a) {
      const auto other = b.find(key);
      if (other == b.end() || !(other->second == value)) return false;
    }
    return true;
  }
  friend bool operator!=(const InsertionOrderedMap& a, const InsertionOrderedMap& b) noexcept {
    return !(a == b);
  }
  /// Compares the members sorted by key, as std::map's `<` did.
  friend bool operator<(const InsertionOrderedMap& a, const InsertionOrderedMap& b) {
    const auto sorted = [](const InsertionOrderedMap& map) {
      std::vector<const value_type*> members;
      members.reserve(map.size());
      for (const auto& member : map) members.push_back(&member);
      std::sort(members.begin(), members.end(),
                [](const value_type* x, const value_type* y) { return x->first < y->first; });
      return members;
    };
    const auto left = sorted(a);
    const auto right = sorted(b);
    return std::lexicographical_compare(
        left.begin(), left.end(), right.begin(), right.end(),
        [](const value_type* x, const value_type* y) { return *x < *y; });
  }

 private:
  /// Up to this many members a key is found by scanning; past it, through the index.
  static constexpr size_type kScanned = 8;

  using Index = std::map<std::string_view, iterator, std::less<>>;

  template <class Self>
  static auto locate(Self& self, std::string_view key) -> decltype(self.members_.begin()) {
    if (!self.index_.empty()) {
      const auto found = self.index_.find(key);
      return found == self.index_.end() ? self.members_.end() : found->second;
    }
    for (auto it = self.members_.begin(); it != self.members_.end(); ++it) {
      if (std::string_view(it->first) == key) return it;
    }
    return self.members_.end();
  }

  template <class It>
  It checked(It found) const {
    if (found == members_.end()) throw std::out_of_range("key not found");
    return found;
  }

  template <class K, class... Args>
  iterator append(K&& key, Args&&... args) {
    members_.emplace_back(std::piecewise_construct, std::forward_as_tuple(std::forward<K>(key)),
                          std::forward_as_tuple(std::forward<Args>(args)...));
    return std::prev(members_.end());
  }

  /// All or nothing: the index is swapped in once complete.
  void build_index() {
    Index index;
    for (auto it = members_.begin(); it != members_.end(); ++it) {
      index.emplace(std::string_view(it->first), it);
    }
    index_.swap(index);
  }

  Members members_;
  /// Empty until the object first has more than kScanned members; then one entry per member.
  Index index_;
};

}  // namespace crux
