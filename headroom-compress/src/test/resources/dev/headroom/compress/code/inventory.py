#!/usr/bin/env python3
# Inventory service: keeps stock levels per warehouse and reserves items for orders.
# The store is an in-memory dictionary guarded by a lock; a real deployment swaps in
# the SQL-backed repository from inventory.sql.
"""Stock levels and reservations for the order pipeline.

The module exposes :class:`Inventory`, which tracks quantities per SKU and
warehouse, and helper functions used by the HTTP layer.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional

LOG = logging.getLogger(__name__)
DEFAULT_WAREHOUSE = "main"
MAX_RESERVATION = 500


class OutOfStock(Exception):
    """Raised when a reservation asks for more than is available."""

    def __init__(self, sku: str, wanted: int, available: int) -> None:
        super().__init__(f"{sku}: wanted {wanted}, only {available} left")
        self.sku = sku
        self.wanted = wanted
        self.available = available


@dataclass
class Reservation:
    """One hold on stock for an order.

    A reservation is released when the order ships or is cancelled.
    """

    order_id: str
    sku: str
    quantity: int
    warehouse: str = DEFAULT_WAREHOUSE
    tags: List[str] = field(default_factory=list)

    def total_weight(self, unit_weight: float) -> float:
        """Weight of the reserved items in kilograms."""
        if unit_weight < 0:
            raise ValueError("unit weight must not be negative")
        weight = unit_weight * self.quantity
        LOG.debug("reservation %s weighs %.2f kg", self.order_id, weight)
        return round(weight, 3)


class Inventory:
    """Quantities per SKU and warehouse, with reservations.

    All methods are thread-safe.
    """

    def __init__(self, stock: Optional[Dict[str, Dict[str, int]]] = None) -> None:
        self._stock: Dict[str, Dict[str, int]] = {}
        self._reservations: Dict[str, Reservation] = {}
        self._lock = threading.Lock()
        for sku, per_warehouse in (stock or {}).items():
            for warehouse, quantity in per_warehouse.items():
                self._stock.setdefault(sku, {})[warehouse] = quantity

    def available(self, sku: str, warehouse: str = DEFAULT_WAREHOUSE) -> int:
        """How many items of ``sku`` can still be reserved in ``warehouse``."""
        with self._lock:
            on_hand = self._stock.get(sku, {}).get(warehouse, 0)
            held = sum(r.quantity for r in self._reservations.values()
                       if r.sku == sku and r.warehouse == warehouse)
            return max(0, on_hand - held)

    def reserve(self, order_id: str, sku: str, quantity: int,
                warehouse: str = DEFAULT_WAREHOUSE) -> Reservation:
        """Hold ``quantity`` items of ``sku`` for an order.

        Raises OutOfStock when fewer items are available.
        """
        if quantity <= 0 or quantity > MAX_RESERVATION:
            raise ValueError(f"quantity must be in 1..{MAX_RESERVATION}")
        left = self.available(sku, warehouse)
        if quantity > left:
            LOG.warning("order %s: %s out of stock (%d > %d)", order_id, sku, quantity, left)
            raise OutOfStock(sku, quantity, left)
        reservation = Reservation(order_id, sku, quantity, warehouse)
        with self._lock:
            self._reservations[order_id] = reservation
        LOG.info("reserved %d x %s for %s", quantity, sku, order_id)
        return reservation

    def release(self, order_id: str) -> bool:
        """Drop the reservation of an order; True when there was one."""
        with self._lock:
            removed = self._reservations.pop(order_id, None)
        if removed is None:
            LOG.debug("no reservation for %s", order_id)
            return False
        LOG.info("released %s", order_id)
        return True

    def restock(self, sku: str, quantity: int, warehouse: str = DEFAULT_WAREHOUSE) -> int:
        with self._lock:
            per_warehouse = self._stock.setdefault(sku, {})
            per_warehouse[warehouse] = per_warehouse.get(warehouse, 0) + quantity
            total = per_warehouse[warehouse]
        LOG.info("restocked %s in %s to %d", sku, warehouse, total)
        return total

    def report(self) -> List[str]:
        """One line per SKU and warehouse: ``sku@warehouse on_hand/held``."""
        lines = []
        with self._lock:
            for sku in sorted(self._stock):
                for warehouse, on_hand in sorted(self._stock[sku].items()):
                    held = sum(r.quantity for r in self._reservations.values()
                               if r.sku == sku and r.warehouse == warehouse)
                    lines.append(f"{sku}@{warehouse} {on_hand}/{held}")
        return lines


def parse_stock_lines(lines: Iterable[str]) -> Dict[str, Dict[str, int]]:
    """Parse ``sku,warehouse,quantity`` lines into a stock dictionary."""
    stock: Dict[str, Dict[str, int]] = {}
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            sku, warehouse, quantity = line.split(",")
            stock.setdefault(sku, {})[warehouse] = int(quantity)
        except ValueError:
            LOG.error("line %d is not sku,warehouse,quantity: %r", number, line)
    return stock


async def sync_from_remote(inventory: Inventory, fetch) -> int:
    """Fetch remote stock and add it; returns the number of SKUs updated."""
    payload = await fetch("/stock")
    updated = 0
    for item in payload.get("items", []):
        inventory.restock(item["sku"], int(item["quantity"]), item.get("warehouse", DEFAULT_WAREHOUSE))
        updated += 1
    return updated


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    inv = Inventory(parse_stock_lines(["A-1,main,10", "B-2,main,3"]))
    inv.reserve("o-1", "A-1", 4)
    print("\n".join(inv.report()))
