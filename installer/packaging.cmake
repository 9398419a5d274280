# SPDX-License-Identifier: MIT
# Installation layout and CPack packaging (.deb and .tar.gz), kept apart from the build logic.

set(COCKPIT_INSTALLER_DIR ${PROJECT_SOURCE_DIR}/installer)

install(FILES ${COCKPIT_INSTALLER_DIR}/migration-cockpit.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${COCKPIT_INSTALLER_DIR}/io.github.migration_cockpit.MigrationCockpit.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/migration-cockpit.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 22 32 48 64 128 256)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/hicolor/${size}x${size}/migration-cockpit.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
install(FILES
            ${PROJECT_SOURCE_DIR}/configs/demo.json
            ${PROJECT_SOURCE_DIR}/configs/staging.example.json
            ${PROJECT_SOURCE_DIR}/configs/prod.example.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/migration-cockpit/configs)

# The guard's systemd unit template (one instance per environment file).
install(FILES ${COCKPIT_INSTALLER_DIR}/migration-cockpit-guard@.service
        DESTINATION lib/systemd/system)

# The man page is installed compressed, as Debian policy asks.
set(manpage_gz ${CMAKE_CURRENT_BINARY_DIR}/cockpitctl.1.gz)
add_custom_command(OUTPUT ${manpage_gz}
    COMMAND gzip -9 -n -c ${COCKPIT_INSTALLER_DIR}/cockpitctl.1 > ${manpage_gz}
    DEPENDS ${COCKPIT_INSTALLER_DIR}/cockpitctl.1
    COMMENT "Compressing the cockpitctl man page")
add_custom_target(cockpit_manpage ALL DEPENDS ${manpage_gz})
install(FILES ${manpage_gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_PACKAGE_NAME "migration-cockpit")
set(CPACK_PACKAGE_VENDOR "Migration Cockpit developers")
set(CPACK_PACKAGE_CONTACT "Migration Cockpit developers <cockpit@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Run risky data and code migrations and see whether it is safe to go on")
set(CPACK_PACKAGE_DESCRIPTION
    "Migration Cockpit lets release engineers run ledger shadow-mode, deployment-state and V1-to-V2 rollout
migrations against staging and production, with gated cutovers and rollbacks and a tamper-evident audit log.
Includes the GUI (migration-cockpit) and the CLI (cockpitctl).")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/migration-cockpit")
# Shared libraries are found by dpkg-shlibdeps; the Qt plugins loaded at run time are not, so they are named:
# the SQLite and PostgreSQL SQL drivers and the platform plugins (xcb, wayland, offscreen).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client")
include(CPack)
