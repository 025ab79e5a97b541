app_name = "foi_cases"
urlpatterns = []
