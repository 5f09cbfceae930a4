"""Fixed reference data of the portal: terminals, lines, vessels, move types, milestone names."""

from __future__ import annotations

SITE_KEY = "6LdSbx0pAAAAAEmodalSandboxLookAlikeKey01"

TERMINAL_NAMES: dict[str, str] = {
    "ITS": "ITS Long Beach",
    "TTI": "Total Terminals Intl LLC",
    "TRP1": "TraPac LLC - Los Angeles",
    "ETSLAX": "Everport Terminal Services - Los Angeles",
    "PCT": "Pacific Container Terminal",
    "SSA": "SSA Terminal - PierA / LB",
    "BNLPC": "Long Beach Container Terminal",
}
TERMINAL_CODES = {name: code for code, name in TERMINAL_NAMES.items()}
# Codes that appear in the Origin / Current Loc columns but are no wizard terminal (rail ramps, east coast).
OTHER_LOCATIONS = ("PNCT", "LPCHI", "VITNI", "PLBA")
# Terminals whose data carries containers; SSA has no containers (and no import slots at all).
CONTAINER_TERMINALS = ("ITS", "TTI", "TRP1", "ETSLAX", "PCT", "BNLPC")

MOVE_TYPES = ("PICK FULL", "DROP FULL", "PICK EMPTY", "DROP EMPTY")
IMPORT_MOVES = ("PICK FULL", "DROP EMPTY")
EXPORT_MOVES = ("DROP FULL", "PICK EMPTY")

LINES = ("MSCU", "HDMU", "CMDU", "ONEY", "YMJA", "EGLV")
LINE_OWNER_CODES: dict[str, tuple[str, ...]] = {
    "MSCU": ("MSC", "MSD", "MED"),
    "HDMU": ("HMM", "HDM"),
    "CMDU": ("CMA", "CGM", "APH"),
    "ONEY": ("ONE", "NYK"),
    "YMJA": ("YML", "YMM"),
    "EGLV": ("EGH", "EMC", "EIS"),
}
LEASING_OWNER_CODES = ("CAI", "TGH", "TCN", "SEG", "FCI", "BMO")
VESSELS: dict[str, tuple[str, ...]] = {
    "MSCU": ("MSC ANNA", "MSC AURORA", "MSC TESSA"),
    "HDMU": ("HMM ALGECIRAS", "HYUNDAI PRIDE"),
    "CMDU": ("CMA CGM MARCO POLO", "APL CHANGI"),
    "ONEY": ("ONE APUS", "ONE COMMITMENT"),
    "YMJA": ("YM WELLNESS", "YM TOTALITY"),
    "EGLV": ("EVER FORWARD", "EVER ACE"),
}
SIZE_TYPES = ("20GP", "40GP", "40DH", "45DH", "40RH", "4310", "4510")
REEFER_SIZES = ("40RH",)

IMPORT_MILESTONES = (
    "Container Manifested",
    "Discharged",
    "Last Free Day",
    "Ready for pick up",
    "Pregate",
    "Departed Terminal",
    "Arrived at customer",
    "Empty released by customer",
    "Empty Received",
)
EXPORT_MILESTONES = ("Empty Pickup", "Terminal In-Gate", "Load Departure", "Empty Received")

CONTAINER_COLUMNS = (
    "Container #",
    "Trade Type",
    "Status",
    "Holds",
    "Pregate Ticket#",
    "Emodal Pregate Status",
    "Gate Status",
    "Origin",
    "Destination",
    "Current Loc",
    "Line",
    "Vessel Name",
    "Vessel Code",
    "Voyage",
    "Size Type",
    "Fees",
    "LFD/GTD",
    "Tags",
)
ICON_WORDS = ("keyboard_arrow_right", "keyboard_arrow_down", "info", "more_vert")
SLOT_WINDOWS = ("07:00 - 12:00", "12:00 - 17:00", "18:00 - 23:00")
SLOT_DAYS = 7
NO_SLOTS_TEXT = "No Appointments Available"
