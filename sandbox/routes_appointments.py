"""`/myappointments`: booked visits, more on window scroll, xls export."""
from starlette.routing import Route
ROUTES: list[Route] = []
