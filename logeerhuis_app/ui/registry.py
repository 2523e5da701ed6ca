"""The pages of the main window, in navigation order. Imported after the window is shown."""

from __future__ import annotations

from .page import Page


def first_page_class() -> type[Page]:
    """The planner, built and painted before the other pages are imported and built."""
    from .planner.page import PlannerPage

    return PlannerPage


def page_classes() -> list[type[Page]]:
    from .access_log.page import AccessLogPage
    from .accounts.page import AccountsPage
    from .claims.page import ClaimsPage
    from .funders.page import FundersPage
    from .guests.page import GuestsPage
    from .invoices.page import InvoicesPage
    from .overview.page import OverviewPage
    from .planner.page import PlannerPage
    from .registration.page import RegistrationPage
    from .rooms.page import RoomsPage
    from .settings.page import SettingsPage

    return [
        PlannerPage,
        GuestsPage,
        RegistrationPage,
        InvoicesPage,
        ClaimsPage,
        OverviewPage,
        RoomsPage,
        FundersPage,
        SettingsPage,
        AccountsPage,
        AccessLogPage,
    ]
