// console/assets.h
//
// The console's static files (console/assets/: HTML, CSS, JavaScript),
// embedded in the binary at build time: console/embed_assets.cmake writes
// their bytes into a generated source, so nothing is read at run time.
// Immutable data; safe from any thread.
#ifndef SFN_CONSOLE_ASSETS_H_
#define SFN_CONSOLE_ASSETS_H_

#include <string_view>

namespace sfn::console {

struct Asset {
  std::string_view name;  // file name under console/assets/, e.g. "app.js"
  std::string_view bytes;
};

// The embedded file named `name`, or null.
const Asset* FindAsset(std::string_view name);

// Its Content-Type, from the name's extension.
std::string_view ContentTypeOf(std::string_view name);

}  // namespace sfn::console

#endif  // SFN_CONSOLE_ASSETS_H_
