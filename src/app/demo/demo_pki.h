// The demo installation's PKI, so that digital signatures work after `scripts/start`: a root
// certificate authority with its revocation list, a PKCS#12 key for every unit (named by its
// agency code, for agency signatures and edXML) and one for every leader (named by username),
// written once into <data_dir>/demo-pki by `tinhso demo`. Every certificate says it is a demo
// ("THỬ NGHIỆM"); the keys have an empty password. When signing.keys_dir is not set and this
// directory exists, the server signs with it and says so in its log at every start.
#pragma once

#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/config/config.h"

namespace tinhso::app {

class App;

inline constexpr const char* kDemoPkiDir = "demo-pki";
inline constexpr const char* kDemoPkiMarker = "DEMO-PKI.txt";

// A unit that does not exist yet but will sign (the units the demo's reform creates).
struct FutureUnit {
  std::string code, name;
};

// Writes the demo PKI if it is not there yet, for every active unit and `future` ones; returns
// how many keys were written (0: present).
Result<int> write_demo_pki(App& app, const std::vector<FutureUnit>& future = {});

// The signing configuration to use: `c.signing`, or the demo PKI when signing is not configured
// and the demo PKI exists in the data directory.
SigningConfig effective_signing(const Config& c, bool* uses_demo_pki);

}  // namespace tinhso::app
