from rest_framework.routers import SimpleRouter

from . import apis

app_name = "ledger"

router = SimpleRouter()
router.register("accounts", apis.AccountViewSet, basename="account")
router.register("tags", apis.TagViewSet, basename="tag")
router.register("entries", apis.EntryViewSet, basename="entry")

urlpatterns = router.urls
