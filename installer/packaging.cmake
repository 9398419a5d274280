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

# Shell completion of cockpitctl (bash; zsh through its bash layer).
install(FILES ${COCKPIT_INSTALLER_DIR}/completion/cockpitctl.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME cockpitctl)
install(FILES ${COCKPIT_INSTALLER_DIR}/completion/_cockpitctl
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

# The guard's systemd unit template (one instance per environment file).
install(FILES ${COCKPIT_INSTALLER_DIR}/migration-cockpit-guard@.service
        DESTINATION lib/systemd/system)

# The man pages, installed compressed as Debian asks. cockpitctl(1)'s commands come from the program itself,
# so that they are the synopses its --help prints.
set(COCKPIT_RELEASE_DATE "2026-12-06")
set(cockpitctl_man ${CMAKE_CURRENT_BINARY_DIR}/cockpitctl.1.gz)
set(gui_man ${CMAKE_CURRENT_BINARY_DIR}/migration-cockpit.1.gz)
add_custom_command(OUTPUT ${cockpitctl_man}
    COMMAND ${CMAKE_COMMAND} -DTEMPLATE=${COCKPIT_INSTALLER_DIR}/cockpitctl.1.in -DOUTPUT=${cockpitctl_man}
            -DVERSION=${PROJECT_VERSION} -DDATE=${COCKPIT_RELEASE_DATE} -DCOCKPITCTL=$<TARGET_FILE:cockpitctl>
            -P ${COCKPIT_INSTALLER_DIR}/make-manpage.cmake
    DEPENDS cockpitctl ${COCKPIT_INSTALLER_DIR}/cockpitctl.1.in ${COCKPIT_INSTALLER_DIR}/make-manpage.cmake
    COMMENT "Writing the cockpitctl man page")
add_custom_command(OUTPUT ${gui_man}
    COMMAND ${CMAKE_COMMAND} -DTEMPLATE=${COCKPIT_INSTALLER_DIR}/migration-cockpit.1.in -DOUTPUT=${gui_man}
            -DVERSION=${PROJECT_VERSION} -DDATE=${COCKPIT_RELEASE_DATE}
            -P ${COCKPIT_INSTALLER_DIR}/make-manpage.cmake
    DEPENDS ${COCKPIT_INSTALLER_DIR}/migration-cockpit.1.in ${COCKPIT_INSTALLER_DIR}/make-manpage.cmake
    COMMENT "Writing the migration-cockpit man page")
add_custom_target(cockpit_manpages ALL DEPENDS ${cockpitctl_man} ${gui_man})
install(FILES ${cockpitctl_man} ${gui_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# Debian's copyright file and changelog (a native package: changelog.gz).
set(changelog_gz ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz)
add_custom_command(OUTPUT ${changelog_gz}
    COMMAND gzip -9 -n -c ${COCKPIT_INSTALLER_DIR}/changelog > ${changelog_gz}
    DEPENDS ${COCKPIT_INSTALLER_DIR}/changelog
    COMMENT "Compressing the changelog")
add_custom_target(cockpit_changelog ALL DEPENDS ${changelog_gz})
install(FILES ${COCKPIT_INSTALLER_DIR}/copyright ${changelog_gz}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/migration-cockpit)

set(CPACK_PACKAGE_NAME "migration-cockpit")
set(CPACK_PACKAGE_VENDOR "Migration Cockpit developers")
set(CPACK_PACKAGE_CONTACT "Migration Cockpit developers <cockpit@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Run risky data and code migrations and see whether it is safe to go on")
# The extended description, wrapped below 80 columns as Debian's control files want it.
set(CPACK_PACKAGE_DESCRIPTION
    "Migration Cockpit lets release engineers run ledger shadow-mode,
deployment-state and V1-to-V2 rollout migrations against staging and
production, with gated cutovers and rollbacks and a tamper-evident audit
log. It includes the GUI (migration-cockpit), the CLI (cockpitctl) and a
headless rollout guard.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "admin")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Shared libraries are found by dpkg-shlibdeps; the Qt plugins loaded at run time are not, so they are named:
# the SQLite and PostgreSQL SQL drivers and the platform plugins (xcb, wayland, offscreen).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# adduser: the maintainer script creates the guard's system user.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, qt6-qpa-plugins, adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${COCKPIT_INSTALLER_DIR}/postinst)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client")
include(CPack)
