"""Requests not yet placed, beside the grid; drag one onto a room to place it."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, Qt
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from ...domain.dates import format_date
from ...domain.enums import RequestStatus
from ...planning.planner_view import PlannerRequest
from .grid import REQUEST_MIME

_ID_ROLE = Qt.ItemDataRole.UserRole


class WaitingLane(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waiting_lane")
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setWordWrap(True)
        self.setSpacing(2)

    def set_requests(self, requests: tuple[PlannerRequest, ...]) -> None:
        self.clear()
        for request in requests:
            text = (
                f"{request.guest_name}\n{format_date(request.wished_arrival)} – "
                f"{format_date(request.wished_departure)} ({request.nights} n.)"
                f"\n{RequestStatus(request.status).label}"
                + (f" · {request.flexibility}" if request.flexibility else "")
            )
            item = QListWidgetItem(text)
            item.setData(_ID_ROLE, request.id)
            item.setToolTip(request.notes or "Sleep naar een kamer om te plaatsen.")
            self.addItem(item)
        if not requests:
            item = QListWidgetItem("Geen wachtende aanvragen.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)

    def request_id(self, item: QListWidgetItem) -> int | None:
        value = item.data(_ID_ROLE)
        return int(value) if value is not None else None

    def mime_for(self, request_id: int) -> QMimeData:
        mime = QMimeData()
        mime.setData(REQUEST_MIME, QByteArray(str(request_id).encode()))
        return mime

    def startDrag(self, actions) -> None:
        item = self.currentItem()
        request_id = self.request_id(item) if item is not None else None
        if request_id is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mime_for(request_id))
        drag.exec(Qt.DropAction.CopyAction)
