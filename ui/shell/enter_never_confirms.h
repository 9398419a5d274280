// SPDX-License-Identifier: MIT
#pragma once

class QDialog;

namespace Cockpit {

// Makes Enter never confirm `dialog`. QDialogButtonBox makes its first accept button the default when the
// dialog is shown and QDialog clicks the default button on Enter, so the end of typing a reason or a name
// would run a cutover. Here no button is ever a default and Enter in any field does nothing: a dangerous
// action takes a click, Space on the focused button, or its Alt shortcut. Escape still cancels.
void enterNeverConfirms(QDialog *dialog);

} // namespace Cockpit
