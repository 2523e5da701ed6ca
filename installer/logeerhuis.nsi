; NSIS script for Logeerhuis: the one-folder PyInstaller build (dist\logeerhuis\) installed per
; user, without administrator rights. The release path for the Windows installer (decision
; 0036): makensis runs on Linux too (Debian package nsis), and the installer it makes runs
; under wine64, so it is built and tried on the same machines as the rest.
;
;   makensis -DVERSION=0.1.0 installer/logeerhuis.nsi      -> dist/logeerhuis-0.1.0-setup.exe
;   (scripts/build-windows-installer does this; -DDIST=... takes the folders from elsewhere)
;
; Program files: %LOCALAPPDATA%\Programs\Logeerhuis. The data (database, backups, venster.ini,
; fouten.log) live in %LOCALAPPDATA%\Logeerhuis (logeerhuis_app/paths.py): this installer
; never touches that folder, not on upgrade and not on uninstall.
;
; Silent use (tests, IT): setup.exe /S [/POSTGRESQL=1] [/DESKTOP=1] [/D=C:\other\folder];
; uninstall.exe /S. An upgrade keeps the components chosen before unless told otherwise.

Unicode true
Target amd64-unicode
RequestExecutionLevel user
SetCompressor /SOLID lzma
ManifestDPIAware true

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef DIST
  !define DIST "../dist"  ; makensis works in the folder of this script
!endif
!ifndef OUTFILE
  !define OUTFILE "${DIST}/logeerhuis-${VERSION}-setup.exe"
!endif
!define APP "Logeerhuis"
!define EXE "logeerhuis.exe"
!define ICON "../logeerhuis_app/resources/icon.ico"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Logeerhuis"
!define CHOICES_KEY "Software\Logeerhuis\Installatie"
; Windows 10 version 1903 (build 18362) brings the icu.dll that Qt 6 uses.
!define MIN_BUILD 18362

!searchparse /noerrors "${VERSION}.0.0.0" "" V1 "." V2 "." V3 "."
Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"
VIProductVersion "${V1}.${V2}.${V3}.0"
VIAddVersionKey /LANG=1043 "ProductName" "${APP}"
VIAddVersionKey /LANG=1043 "FileDescription" "${APP} ${VERSION} installeren"
VIAddVersionKey /LANG=1043 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1043 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1043 "LegalCopyright" "${APP}"

!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh
!include Sections.nsh
!include WinVer.nsh
!include x64.nsh

; A running Logeerhuis holds its program file (it cannot be opened for writing): ask to close
; it first (silent: stop with exit code 2).
!macro RefuseWhileRunning
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    ${Do}
      ClearErrors
      FileOpen $0 "$INSTDIR\${EXE}" a
      ${IfNot} ${Errors}
        FileClose $0
        ${Break}
      ${EndIf}
      ${If} ${Silent}
        SetErrorLevel 2
        Quit
      ${EndIf}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
        "${APP} is nog geopend. Sluit het programma (Bestand > Afsluiten) en kies Opnieuw." \
        IDRETRY +2
      Abort
    ${Loop}
  ${EndIf}
!macroend

; An option of a silent installation (/POSTGRESQL=1 or =0) chooses a component or not.
!macro ChooseFromCommandLine PARAMETERS OPTION SECTION
  ClearErrors
  ${GetOptions} ${PARAMETERS} "${OPTION}" $2
  ${IfNot} ${Errors}
    ${If} $2 == 1
      !insertmacro SelectSection ${SECTION}
    ${Else}
      !insertmacro UnselectSection ${SECTION}
    ${EndIf}
  ${EndIf}
!macroend

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "${APP} nu starten"

!insertmacro MUI_PAGE_COMPONENTS
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipFolderOnUpgrade
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Dutch"

Section "${APP}" SecApp
  SectionIn RO
  !insertmacro RefuseWhileRunning
  ; Upgrade in place: the previous version's program files go first, so that no module or
  ; library of the old version stays next to the new one. Only the program folder's own parts.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  SetOutPath "$INSTDIR"
  File /r "${DIST}/logeerhuis/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  Delete "$DESKTOP\${APP}.lnk"  ; back below when that component stays chosen
  WriteRegDWORD HKCU "${CHOICES_KEY}" "PostgreSQL" 0
  WriteRegDWORD HKCU "${CHOICES_KEY}" "Bureaublad" 0
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section /o "PostgreSQL-ondersteuning (een databaseserver voor meerdere pc's)" SecServer
  SetOutPath "$INSTDIR"
  File /r "${DIST}/logeerhuis-postgresql/*"
  WriteRegDWORD HKCU "${CHOICES_KEY}" "PostgreSQL" 1
SectionEnd

Section /o "Snelkoppeling op het bureaublad" SecDesktop
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  WriteRegDWORD HKCU "${CHOICES_KEY}" "Bureaublad" 1
SectionEnd

Section "-size"  ; hidden: what Programs and Features shows
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro RefuseWhileRunning
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only when empty: nothing the user put there goes
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${CHOICES_KEY}"
  DeleteRegKey /ifempty HKCU "Software\Logeerhuis"
SectionEnd


Function .onInit
  SetShellVarContext current
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP} werkt alleen op 64-bits Windows." /SD IDOK
    Abort
  ${EndIf}
  ${WinVerGetBuild} $0
  ${IfNot} ${AtLeastWin10}
  ${OrIf} $0 < ${MIN_BUILD}
    MessageBox MB_ICONSTOP "${APP} vraagt Windows 10 versie 1903 of nieuwer." /SD IDOK
    Abort
  ${EndIf}
  ; An upgrade keeps what was chosen before; the command line may say otherwise.
  ReadRegDWORD $0 HKCU "${CHOICES_KEY}" "PostgreSQL"
  ${If} $0 = 1
    !insertmacro SelectSection ${SecServer}
  ${EndIf}
  ReadRegDWORD $0 HKCU "${CHOICES_KEY}" "Bureaublad"
  ${If} $0 = 1
    !insertmacro SelectSection ${SecDesktop}
  ${EndIf}
  ${GetParameters} $1
  !insertmacro ChooseFromCommandLine $1 "/POSTGRESQL=" ${SecServer}
  !insertmacro ChooseFromCommandLine $1 "/DESKTOP=" ${SecDesktop}
FunctionEnd


Function SkipFolderOnUpgrade  ; the folder is asked once, at the first installation
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    Abort
  ${EndIf}
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd
