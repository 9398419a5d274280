# SPDX-License-Identifier: MIT
# Packaging (CPack: .deb and .tar.gz) lives here, away from the build logic.
set(CPACK_PACKAGE_NAME "migration-cockpit")
set(CPACK_PACKAGE_VENDOR "Migration Cockpit developers")
set(CPACK_PACKAGE_CONTACT "Migration Cockpit developers <cockpit@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
include(CPack)
